import { Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PMessage, TReceiptRequest } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useReceipt } from './api';
import { detailErrors } from './errors';
import { IconCheck } from '../../components/icons';

type Open = null | 'extend' | 'refuse' | 'clarify';

/** A local date-time input's value ("2026-11-27T18:00") one day from now, the extension's starting point. */
function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/**
 * The requested side's answer to a request, offered only as far as the message's abilities allow: acknowledge it,
 * classify the information (Directive 2023/977), extend the deadline while a judicial authorisation is sought, ask for
 * clarification (the clock stops), or refuse on a stated ground. Answering itself is a reply.
 */
export function ReceiptActions({ message }: { message: PMessage }) {
  const { t } = useTranslation();
  const a = message.abilities;
  const mutation = useReceipt(message.id);
  const [open, setOpen] = useState<Open>(null);
  const [until, setUntil] = useState(tomorrow);
  const [reason, setReason] = useState('');
  const [ground, setGround] = useState('');
  const [question, setQuestion] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  if (!a.acknowledge && !a.classify && !a.extend && !a.refuse && !a.clarify) return null;

  const own = message.receipts[0];
  const fieldErrors = { ...detailErrors(t, mutation.error), ...local };
  const send = (body: TReceiptRequest, after?: () => void) => {
    setLocal({});
    mutation.mutate(body, { onSuccess: () => { setOpen(null); after?.(); } });
  };
  const submitExtend = (e: FormEvent) => {
    e.preventDefault();
    const at = new Date(until);
    if (Number.isNaN(at.getTime())) return setLocal({ until: t('validation.format') });
    if (reason.trim().length < 3) return setLocal({ reason: t('validation.tooShort', { n: 3 }) });
    send({ action: 'extend', until: at.toISOString(), reason: reason.trim() }, () => setReason(''));
  };
  const submitClarify = (e: FormEvent) => {
    e.preventDefault();
    if (question.trim().length < 3) return setLocal({ question: t('messages.actions.questionNeeded') });
    send({ action: 'clarify', question: question.trim() }, () => setQuestion(''));
  };
  const submitRefuse = (e: FormEvent) => {
    e.preventDefault();
    if (ground.trim().length < 3) return setLocal({ ground: t('messages.actions.groundNeeded') });
    send({ action: 'refuse', ground: ground.trim() }, () => setGround(''));
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="receipt-actions">
      <Title order={2} id="receipt-actions" mb={4}>
        {message.isRequest ? t('messages.actions.titleRequest') : t('messages.actions.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {message.isRequest ? t('messages.actions.introRequest') : t('messages.actions.intro')}
      </Text>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          {a.acknowledge && (
            <Button size="xs" leftSection={<IconCheck size={14} />} loading={mutation.isPending && mutation.variables?.action === 'acknowledge'} onClick={() => send({ action: 'acknowledge' })}>
              {t('messages.actions.acknowledge')}
            </Button>
          )}
          {a.extend && (
            <Button size="xs" variant={open === 'extend' ? 'light' : 'default'} onClick={() => setOpen(open === 'extend' ? null : 'extend')}>
              {t('messages.actions.extend')}
            </Button>
          )}
          {a.clarify && (
            <Button size="xs" variant={open === 'clarify' ? 'light' : 'default'} onClick={() => setOpen(open === 'clarify' ? null : 'clarify')}>
              {t('messages.actions.clarify')}
            </Button>
          )}
          {a.refuse && (
            <Button size="xs" variant={open === 'refuse' ? 'light' : 'default'} color="red" onClick={() => setOpen(open === 'refuse' ? null : 'refuse')}>
              {t('messages.actions.refuse')}
            </Button>
          )}
        </Group>

        {a.classify && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('messages.actions.classifyTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('messages.actions.classifyHelp')}
            </Text>
            <Group gap="xs" wrap="wrap">
              {(['direct', 'obtain'] as const).map((c) => (
                <Button
                  key={c}
                  size="xs"
                  variant={own?.accessClass === c ? 'filled' : 'default'}
                  aria-pressed={own?.accessClass === c}
                  loading={mutation.isPending && mutation.variables?.action === 'classify' && mutation.variables.accessClass === c}
                  onClick={() => send({ action: 'classify', accessClass: c })}
                >
                  {t(`messages.accessClass.${c}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        )}

        {open === 'extend' && (
          <StepForm help={t('messages.actions.extendHelp')} confirm={t('messages.actions.extendConfirm')} onSubmit={submitExtend} onCancel={() => setOpen(null)} pending={mutation.isPending}>
            <TextInput type="datetime-local" size="xs" label={t('messages.actions.until')} value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={fieldErrors.until} withAsterisk w={240} />
            <Textarea size="xs" label={t('messages.actions.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldErrors.reason} autosize minRows={2} maxLength={1000} withAsterisk />
          </StepForm>
        )}

        {open === 'clarify' && (
          <StepForm help={t('messages.actions.clarifyHelp')} confirm={t('messages.actions.clarifyConfirm')} onSubmit={submitClarify} onCancel={() => setOpen(null)} pending={mutation.isPending}>
            <Textarea size="xs" label={t('messages.actions.question')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} error={fieldErrors.question} autosize minRows={2} maxLength={2000} withAsterisk dir="auto" />
          </StepForm>
        )}

        {open === 'refuse' && (
          <StepForm help={t('messages.actions.refuseHelp')} confirm={t('messages.actions.refuseConfirm')} colour="red" onSubmit={submitRefuse} onCancel={() => setOpen(null)} pending={mutation.isPending}>
            <Textarea size="xs" label={t('messages.actions.ground')} value={ground} onChange={(e) => setGround(e.currentTarget.value)} error={fieldErrors.ground} autosize minRows={2} maxLength={1000} withAsterisk />
          </StepForm>
        )}
        {mutation.error && !Object.keys(detailErrors(t, mutation.error)).length && <ErrorAlert error={mutation.error} />}
      </Stack>
    </Card>
  );
}

/** One step's small form: what it means, its fields, confirm and cancel. */
function StepForm({ help, confirm, colour, onSubmit, onCancel, pending, children }: { help: string; confirm: string; colour?: string; onSubmit: (e: FormEvent) => void; onCancel: () => void; pending: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="form" onSubmit={onSubmit} maw={520}>
      <Text size="xs" c="dimmed">
        {help}
      </Text>
      {children}
      <Group gap="xs">
        <Button size="xs" type="submit" color={colour} loading={pending}>
          {confirm}
        </Button>
        <Button size="xs" variant="subtle" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
