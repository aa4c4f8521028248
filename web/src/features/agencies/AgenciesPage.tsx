import { Button, Card, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PAgency } from '../../../../common';
import { useSession } from '../../api/session';
import { IconPlus, IconWorld } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { AgenciesTable } from './AgenciesTable';
import { AgencyFormModal } from './AgencyFormModal';
import { useAgencies } from './api';
import { EnrolmentLinkModal } from './EnrolmentLinkModal';

type Dialog = { kind: 'form'; agency: PAgency | null } | { kind: 'link'; agency: PAgency } | null;

/** Platform administration: the agencies on this platform and their first administrators' enrolment links. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const agencies = useAgencies();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const shown = (agencies.data ?? []).filter((a) => !q || a.name.toLowerCase().includes(q) || a.code.includes(q) || a.country.toLowerCase() === q);

  return (
    <RequireAbility allowed={me.abilities.manageAgencies === true}>
      <PageHeader
        title={t('agencies.title')}
        description={t('agencies.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'form', agency: null })}>
            {t('agencies.create')}
          </Button>
        }
      />
      <Card withBorder radius="md" padding="md">
        <TextInput placeholder={t('agencies.search')} aria-label={t('agencies.search')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} mb="sm" maw={320} />
        {agencies.isPending ? (
          <Loading />
        ) : agencies.error ? (
          <ErrorAlert error={agencies.error} />
        ) : shown.length === 0 ? (
          <Empty title={t('agencies.emptyTitle')} description={t('agencies.emptyText')} icon={<IconWorld size={22} />} />
        ) : (
          <AgenciesTable agencies={shown} onEdit={(agency) => setDialog({ kind: 'form', agency })} onLink={(agency) => setDialog({ kind: 'link', agency })} />
        )}
      </Card>
      {dialog?.kind === 'form' && <AgencyFormModal agency={dialog.agency} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'link' && <EnrolmentLinkModal agency={dialog.agency} onClose={() => setDialog(null)} />}
    </RequireAbility>
  );
}
