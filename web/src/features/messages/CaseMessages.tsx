import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PCase } from '../../../../common';
import { useSession } from '../../api/session';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useCaseThread } from './api';
import { caseDeskOf } from './caseDesk';
import { ComposeForm } from './ComposeForm';
import { IconMail, IconSend } from './icons';
import { MessageList } from './MessageList';

/**
 * The case page's messages: the whole thread of the case the user may see, and "New message" to the case's active
 * partner agencies. Self-contained, so the case page adds it in one line.
 */
export function CaseMessages({ caseId, case: theCase }: { caseId: string; case: PCase }) {
  const { t } = useTranslation();
  const me = useSession();
  const thread = useCaseThread(caseId);
  const [composing, setComposing] = useState(false);
  if (!me.permissions.includes('case.work')) return null;
  const agencies = theCase.participants.filter((p) => p.status === 'active').map((p) => p.agency);
  const partners = agencies.filter((a) => a.id !== me.agency.id);
  const canWrite = theCase.status === 'open' && partners.length > 0;
  const messages = thread.data ?? [];

  return (
    <Card withBorder radius="md" padding={0} component="section" aria-labelledby="case-messages-title">
      <Group justify="space-between" p="md" pb="xs" wrap="wrap" gap="xs">
        <div>
          <Title order={2} id="case-messages-title">
            {t('messages.case.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {theCase.status !== 'open' ? t('messages.case.closed') : partners.length === 0 ? t('messages.case.noPartners') : t('messages.case.intro')}
          </Text>
        </div>
        {canWrite && (
          <Button size="xs" leftSection={<IconSend size={14} />} onClick={() => setComposing(true)}>
            {t('messages.case.new')}
          </Button>
        )}
      </Group>
      {thread.isPending ? (
        <Loading />
      ) : thread.error ? (
        <ErrorAlert error={thread.error} />
      ) : messages.length === 0 ? (
        <Empty icon={<IconMail size={22} />} title={t('messages.case.emptyTitle')} description={canWrite ? t('messages.case.emptyText') : undefined} />
      ) : (
        <MessageList messages={messages} showCase={false} label={t('messages.case.title')} />
      )}
      {composing && <ComposeForm caseId={caseId} agencies={agencies} deskId={caseDeskOf(me, theCase)} onClose={() => setComposing(false)} />}
    </Card>
  );
}
