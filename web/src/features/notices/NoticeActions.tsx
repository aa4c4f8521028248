import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NoticeAction, PNotice } from '../../../../common';
import { useNoticeAction } from './api';
import { ProblemsAlert } from './ProblemsAlert';

/** Actions that must carry a reason: it is recorded and shown to the requesting NCB. */
const NEEDS_REASON: readonly NoticeAction[] = ['refuse', 'suspend', 'withdraw', 'cancel'];
const ORDER: readonly NoticeAction[] = ['submit', 'approve', 'publish', 'reinstate', 'refuse', 'suspend', 'withdraw', 'cancel'];
const COLOUR: Record<NoticeAction, string> = { submit: 'navy', approve: 'teal', publish: 'teal', reinstate: 'teal', refuse: 'red', suspend: 'orange', withdraw: 'gray', cancel: 'red' };

/** The buttons the server's abilities allow on this notice; a reason dialog where the rules ask for one. */
export function NoticeActions({ notice }: { notice: PNotice }) {
  const { t } = useTranslation();
  const act = useNoticeAction(notice.id);
  const [asking, setAsking] = useState<NoticeAction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const allowed = ORDER.filter((a) => notice.abilities[a]);
  if (allowed.length === 0 && !notice.abilities.edit) return null;

  // The same verb reads differently on a diffusion (approve = send) and for a supervisor sending a draft back.
  const label = (a: NoticeAction) => {
    if (a === 'approve' && notice.kind === 'diffusion') return t('notices.action.approveDiffusion');
    if (a === 'publish' && notice.kind === 'diffusion') return t('notices.action.markReviewed');
    if (a === 'refuse' && notice.state === 'draft') return t('notices.action.sendBack');
    return t(`notices.action.${a}`);
  };

  const run = (action: NoticeAction, why?: string) =>
    act.mutate(
      { action, reason: why },
      {
        onSuccess: () => {
          setAsking(null);
          setReason('');
        },
      },
    );

  const confirmReason = () => {
    if (!asking) return;
    if (reason.trim().length < 3) {
      setReasonError(t('notices.reasonRequired'));
      return;
    }
    run(asking, reason.trim());
  };

  return (
    <>
      <Group gap="xs" wrap="wrap">
        {notice.abilities.edit && (
          <Button component={Link} to={`/notices/${notice.id}/edit`} variant="default">
            {t('notices.action.edit')}
          </Button>
        )}
        {allowed.map((a) => (
          <Button
            key={a}
            color={COLOUR[a]}
            variant={NEEDS_REASON.includes(a) ? 'light' : 'filled'}
            loading={act.isPending && act.variables.action === a}
            onClick={() => {
              if (NEEDS_REASON.includes(a)) {
                act.reset();
                setReasonError(null);
                setAsking(a);
              } else run(a);
            }}
          >
            {label(a)}
          </Button>
        ))}
      </Group>
      {!asking && act.error && <ProblemsAlert error={act.error} />}
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking ? label(asking) : ''} centered>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {asking ? t(`notices.reasonHelp.${asking}`) : ''}
          </Text>
          <Textarea label={t('notices.reason')} value={reason} onChange={(e) => { setReason(e.currentTarget.value); setReasonError(null); }} error={reasonError} autosize minRows={3} required data-autofocus />
          {act.error && <ProblemsAlert error={act.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={asking ? COLOUR[asking] : undefined} loading={act.isPending} onClick={confirmReason}>
              {asking ? label(asking) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
