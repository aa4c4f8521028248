import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PWatchlist } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { isolate } from '../screening/Explanation';
import { useDeleteWatchlist } from './api';

/**
 * Asks before deleting a list, naming it and its entry count, and asks for its name to be typed: the deletion takes
 * every entry out of screening for every user of the list at once and cannot be undone.
 */
export function DeleteWatchlistModal({ list, onClose, onDeleted }: { list: PWatchlist; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const del = useDeleteWatchlist();
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === list.name.trim().toLowerCase();
  return (
    <Modal opened onClose={onClose} title={t('watchlistEntries.deleteTitle', { name: isolate(list.name) })} size="lg">
      <Stack gap="md">
        <Alert color="red" variant="light">
          <Text size="sm">{t(list.scope === 'global' ? 'watchlistEntries.deleteTextGlobal' : 'watchlistEntries.deleteText', { name: isolate(list.name), count: f.number(list.entries) })}</Text>
        </Alert>
        <Text size="sm">{t('watchlistEntries.deleteKept')}</Text>
        <TextInput label={t('watchlistEntries.typeName', { name: isolate(list.name) })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus dir="auto" />
        {del.error && <ErrorAlert error={del.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color="red" disabled={!matches} loading={del.isPending} onClick={() => del.mutate(list.id, { onSuccess: onDeleted })}>
            {t('watchlistEntries.deleteConfirm', { count: f.number(list.entries) })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
