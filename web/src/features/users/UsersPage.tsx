import { Button, Card, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PUser } from '../../../../common';
import { useSession } from '../../api/session';
import { IconPlus, IconUsers } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useDesks, useUsers } from './api';
import { ResetUserModal } from './ResetUserModal';
import { UserFormModal } from './UserFormModal';
import { UsersTable } from './UsersTable';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: PUser } | { kind: 'reset'; user: PUser } | null;

/** Agency administration: the agency's users, their roles and desks. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const users = useUsers();
  const desks = useDesks();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState('');

  const q = filter.trim().toLowerCase();
  const shown = (users.data ?? []).filter((u) => !q || u.displayName.toLowerCase().includes(q) || u.email.includes(q));

  return (
    <RequireAbility allowed={me.abilities.manageUsers === true}>
      <PageHeader
        title={t('users.title')}
        description={t('users.intro', { agency: me.agency.name })}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.create')}
          </Button>
        }
      />
      <Card withBorder radius="md" padding="md">
        <TextInput placeholder={t('users.search')} aria-label={t('users.search')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} mb="sm" maw={320} />
        {users.isPending ? (
          <Loading />
        ) : users.error ? (
          <ErrorAlert error={users.error} />
        ) : shown.length === 0 ? (
          <Empty title={t('users.emptyTitle')} description={t('users.emptyText')} icon={<IconUsers size={22} />} />
        ) : (
          <UsersTable users={shown} desks={desks.data ?? []} onEdit={(user) => setDialog({ kind: 'edit', user })} onReset={(user) => setDialog({ kind: 'reset', user })} />
        )}
      </Card>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserFormModal user={dialog.kind === 'edit' ? dialog.user : null} desks={desks.data ?? []} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'reset' && <ResetUserModal user={dialog.user} onClose={() => setDialog(null)} />}
    </RequireAbility>
  );
}
