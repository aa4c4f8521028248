import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title, useDirection } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PMessage } from '../../../../common';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useCase } from '../cases/api';
import { useCaseThread, useMessage } from './api';
import { caseDeskOf } from './caseDesk';
import { ComposeForm } from './ComposeForm';
import { H3Panel } from './H3Panel';
import { IconArrowBack, IconForward, IconKey, IconMail, IconMessageQuestion, IconReply, IconShield } from './icons';
import { PassOnModal } from './PassOnModal';
import { JudicialUseModal } from './JudicialUseModal';
import { EvaluationBadge, HandlingBadge, RequestBadge, TlpChip, UrgentBadge } from './labels';
import { MessageBody } from './MessageBody';
import { MessageList } from './MessageList';
import { ReceiptActions } from './ReceiptActions';
import { Attachments } from './Attachments';
import { Receipts } from './Receipts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" fw={600} w={110} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <div style={{ minWidth: 0 }}>{children}</div>
    </Group>
  );
}

/** One code with its meaning in words. */
function Code({ badge, title, text }: { badge: ReactNode; title: string; text: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <div style={{ flexShrink: 0, paddingTop: 1 }}>{badge}</div>
      <Stack gap={0}>
        <Text size="xs" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {text}
        </Text>
      </Stack>
    </Group>
  );
}

/** Replying needs the case's participants; the case is fetched only when the officer starts a reply. */
function Reply({ message, to, onClose }: { message: PMessage; to?: string[]; onClose: () => void }) {
  const me = useSession();
  const theCase = useCase(message.caseId);
  if (theCase.isPending) return null;
  if (theCase.error) return <ErrorAlert error={theCase.error} />;
  const agencies = theCase.data.participants.filter((p) => p.status === 'active').map((p) => p.agency);
  return <ComposeForm caseId={message.caseId} agencies={agencies} deskId={caseDeskOf(me, theCase.data)} parent={message} {...(to && { to })} onClose={onClose} />;
}

function Replies({ message }: { message: PMessage }) {
  const { t } = useTranslation();
  const thread = useCaseThread(message.caseId);
  const replies = (thread.data ?? []).filter((m) => m.parentId === message.id);
  if (replies.length === 0) return null;
  return (
    <Card withBorder radius="md" padding={0} component="section" aria-labelledby="replies-title">
      <Title order={2} id="replies-title" p="md" pb="xs">
        {t('messages.view.replies', { n: replies.length })}
      </Title>
      <MessageList messages={replies} showCase={false} label={t('messages.view.repliesLabel')} />
    </Card>
  );
}

/**
 * On the requesting side: a recipient asked for clarification and is waiting for the answer (under Directive 2023/977
 * its deadline clock stands still meanwhile). Answering is a reply to the request, addressed to that agency.
 */
function ClarificationsToAnswer({ message, onAnswer }: { message: PMessage; onAnswer: (to: string[]) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const waiting = message.receipts.filter((r) => r.clarification && !r.clarification.answeredAt);
  if (waiting.length === 0) return null;
  return (
    <>
      {waiting.map((r) => (
        <Alert key={r.agencyId} color="grape" variant="light" icon={<IconMessageQuestion size={18} />} title={t('messages.clarifyHint.title', { agency: r.agencyName })} data-testid="clarification-to-answer">
          <Stack gap={6} align="flex-start">
            <Text size="sm" dir="auto" fs="italic">
              {r.clarification!.question}
            </Text>
            <Text size="xs" c="dimmed">
              {t('messages.clarifyHint.asked', { when: f.dateTime(r.clarification!.askedAt) })} {r.clarification!.clockStopped ? t('messages.clarifyHint.clockStopped') : ''}
            </Text>
            <Button size="xs" color="grape" leftSection={<IconReply size={14} />} onClick={() => onAnswer([r.agencyId])}>
              {t('messages.clarifyHint.answer', { agency: r.agencyName })}
            </Button>
          </Stack>
        </Alert>
      ))}
    </>
  );
}

function MessageView({ message }: { message: PMessage }) {
  const { t } = useTranslation();
  const f = useFormat();
  // false: not replying; true: a reply to everyone concerned; a list: answering those agencies' clarifications.
  const [replying, setReplying] = useState<boolean | string[]>(false);
  const [passing, setPassing] = useState(false);
  const [askingCourt, setAskingCourt] = useState(false);
  // H1: who received the information asks its original provider before using it in court.
  const courtAsk = message.handlingCode === 'H1' && message.abilities.requestPermission;
  const { dir } = useDirection();
  const mine = message.senderAgencyId === useSession().agency.id;
  const h3Pending = message.body === null && message.abilities.acknowledgeH3;

  return (
    <>
      <Anchor component={Link} to="/messages" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowBack size={14} style={{ transform: dir === 'rtl' ? 'scaleX(-1)' : undefined }} />
        {t('messages.view.back')}
      </Anchor>
      <PageHeader
        title={message.subject}
        actions={
          message.abilities.reply || message.abilities.passOn || courtAsk ? (
            <Group gap="xs">
              {courtAsk && (
                <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setAskingCourt(true)}>
                  {t('onward.judicial.action')}
                </Button>
              )}
              {message.abilities.passOn && (
                <Button variant="default" leftSection={<IconForward size={16} />} onClick={() => setPassing(true)}>
                  {t('onward.action')}
                </Button>
              )}
              {message.abilities.reply && (
                <Button leftSection={<IconReply size={16} />} onClick={() => setReplying(true)}>
                  {t('messages.view.reply')}
                </Button>
              )}
            </Group>
          ) : undefined
        }
      />
      <Group gap={6} mt={-8} mb="md" wrap="wrap">
        <TlpChip tlp={message.tlp} />
        <HandlingBadge code={message.handlingCode} />
        <EvaluationBadge reliability={message.sourceReliability} accuracy={message.infoAccuracy} />
        {message.priority === 'urgent' && <UrgentBadge />}
        {message.isRequest && <RequestBadge />}
      </Group>

      <Stack gap="md">
        {mine && message.abilities.reply && <ClarificationsToAnswer message={message} onAnswer={setReplying} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Card withBorder radius="md" padding="md">
            <Stack gap={8}>
              <Field label={t('messages.view.from')}>
                <Text size="sm" fw={500}>
                  {message.senderAgencyName}
                </Text>
                <Text size="xs" c="dimmed">
                  {message.senderName ? `${message.senderDeskName} · ${message.senderName}` : message.senderDeskName}
                </Text>
              </Field>
              <Field label={t('messages.view.to')}>
                <Text size="sm">{message.receipts.length ? f.list(message.receipts.map((r) => (r.deskName ? `${r.agencyName} · ${r.deskName}` : r.agencyName))) : '—'}</Text>
              </Field>
              <Field label={t('messages.view.sent')}>
                <Text size="sm">
                  <time dateTime={message.createdAt}>{f.dateTime(message.createdAt)}</time>
                </Text>
              </Field>
              <Field label={t('messages.view.case')}>
                <Anchor component={Link} to={`/cases/${message.caseId}`} size="sm">
                  {message.caseTitle}
                </Anchor>
              </Field>
              {message.parentId && (
                <Field label={t('messages.view.inReplyTo')}>
                  <Anchor component={Link} to={`/messages/${message.parentId}`} size="sm">
                    {t('messages.view.openParent')}
                  </Anchor>
                </Field>
              )}
              {message.purpose && (
                <Field label={t('messages.view.purpose')}>
                  <Text size="sm" dir="auto">
                    {message.purpose}
                  </Text>
                </Field>
              )}
              {message.redReaders !== null && (
                <Field label="TLP:RED">
                  <Text size="sm">{t('messages.view.redReaders', { n: f.number(message.redReaders) })}</Text>
                </Field>
              )}
            </Stack>
          </Card>
          <Card withBorder radius="md" padding="md" component="section" aria-label={t('messages.view.codes')}>
            <Stack gap={10}>
              <Code badge={<TlpChip tlp={message.tlp} size="xs" />} title={t('messages.view.tlp')} text={t(`messages.tlpHelp.${message.tlp}`)} />
              <Code badge={<HandlingBadge code={message.handlingCode} size="xs" />} title={t(`messages.handling.${message.handlingCode}`)} text={t(`messages.handlingHelp.${message.handlingCode}`)} />
              <Code
                badge={<EvaluationBadge reliability={message.sourceReliability} accuracy={message.infoAccuracy} size="xs" />}
                title={t('messages.view.evaluation')}
                text={`${message.sourceReliability}: ${t(`messages.reliability.${message.sourceReliability}`)} ${message.infoAccuracy}: ${t(`messages.accuracy.${message.infoAccuracy}`)}`}
              />
            </Stack>
          </Card>
        </SimpleGrid>

        {h3Pending ? (
          <H3Panel message={message} />
        ) : (
          <Card withBorder radius="md" padding="lg" component="article" aria-label={t('messages.view.body')}>
            {message.handlingCode === 'H3' && message.handlingText && (
              <Group gap={6} mb="sm" wrap="nowrap" align="flex-start" c="grape.8">
                <IconShield size={16} style={{ flexShrink: 0, marginTop: 2 }} />
                <Text size="xs" dir="auto">
                  {mine ? t('messages.h3.yourRestriction', { text: message.handlingText }) : t('messages.h3.acknowledged', { text: message.handlingText })}
                </Text>
              </Group>
            )}
            {message.body === null ? <Text c="dimmed">{t('messages.view.noBody')}</Text> : <MessageBody body={message.body} format={message.bodyFormat} />}
          </Card>
        )}

        <Attachments message={message} />

        <ReceiptActions message={message} />

        <Card withBorder radius="md" padding="md" component="section" aria-labelledby="receipts-title">
          <Title order={2} id="receipts-title" mb={4}>
            {t('messages.receipt.title')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {mine ? t('messages.receipt.introSender') : t('messages.receipt.introRecipient')}
          </Text>
          <Receipts receipts={message.receipts} />
        </Card>

        <Replies message={message} />
      </Stack>
      {replying !== false && <Reply message={message} {...(Array.isArray(replying) && { to: replying })} onClose={() => setReplying(false)} />}
      {passing && <PassOnModal message={message} onClose={() => setPassing(false)} />}
      {askingCourt && <JudicialUseModal message={message} onClose={() => setAskingCourt(false)} />}
    </>
  );
}

/** One message: codes explained, the H3 restriction first when there is one, the body, receipts, the answer and replies. */
export function MessagePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const message = useMessage(id);
  return (
    <RequireAbility allowed={me.permissions.includes('case.work')}>
      {message.isPending ? (
        <Loading />
      ) : message.error instanceof ApiError && (message.error.status === 404 || message.error.status === 400) ? (
        <>
          <PageHeader title={t('messages.view.notFoundTitle')} />
          <Card withBorder radius="md">
            <Empty
              icon={<IconMail size={22} />}
              title={t('messages.view.notFoundTitle')}
              description={t('messages.view.notFoundText')}
              action={
                <Button component={Link} to="/messages" variant="default" size="xs">
                  {t('messages.view.back')}
                </Button>
              }
            />
          </Card>
        </>
      ) : message.error ? (
        <ErrorAlert error={message.error} />
      ) : (
        <MessageView message={message.data} />
      )}
    </RequireAbility>
  );
}
