import { Alert, Button, Checkbox, Group, Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLING_CODES, INFO_ACCURACY, SOURCE_RELIABILITY, TLP_MARKINGS, ZSendMessageRequest, type HandlingCode, type PAgencyRef, type PMessage, type TlpMarking } from '../../../../common';
import { useSession } from '../../api/session';
import { IconAlert } from '../../components/icons';
import { ErrorAlert } from '../../components/States';
import { useAgencyDesks, useSendMessage } from './api';
import { detailErrors, issuesToFields, partnershipText } from './errors';
import { IconSend } from './icons';
import { TlpChip } from './labels';
import { MessageBody } from './MessageBody';
import { AttachmentPicker } from './AttachmentPicker';
import { useUploads } from './uploads';

interface Recipient {
  agencyId: string;
  deskId: string | null;
}

/** A recipient agency: ticked to address it; optionally one of its desks. */
function RecipientRow({ agency, value, onChange, redOnly }: { agency: PAgencyRef; value: Recipient | undefined; onChange: (r: Recipient | undefined) => void; redOnly: boolean }) {
  const { t } = useTranslation();
  const desks = useAgencyDesks(value ? agency.id : null);
  const options = value ? (desks.data ?? []).filter((d) => !d.disabled && d.agencyId === agency.id) : [];
  return (
    <Group gap="sm" wrap="nowrap" justify="space-between" py={4}>
      <Checkbox label={agency.name} checked={!!value} onChange={(e) => onChange(e.currentTarget.checked ? { agencyId: agency.id, deskId: null } : undefined)} styles={{ label: { fontWeight: 500 } }} />
      {value && (
        <Select
          size="xs"
          w={240}
          aria-label={t('messages.compose.deskOf', { agency: agency.name })}
          placeholder={redOnly ? t('messages.compose.chooseDesk') : t('messages.wholeAgency')}
          data={options.map((d) => ({ value: d.id, label: d.name }))}
          value={value.deskId}
          onChange={(v) => onChange({ ...value, deskId: v })}
          clearable={!redOnly}
          allowDeselect={!redOnly}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Group>
  );
}

/** A labelled row of choices with the chosen one explained underneath in a line. */
function Choice({ label, help, error, children }: { label: string; help: ReactNode; error?: string; children: ReactNode }) {
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap={4} mt={2}>
        {children}
        {help && (
          <Text size="xs" c="dimmed">
            {help}
          </Text>
        )}
      </Stack>
    </Input.Wrapper>
  );
}

export interface ComposeProps {
  caseId: string;
  /** The case's active participant agencies (the sender's own agency is left out here). */
  agencies: PAgencyRef[];
  /** The desk to send from, when it is one of the writer's (the desk that handles the case). */
  deskId?: string;
  /** Answering this message: the reply threads under it and starts with its codes. */
  parent?: PMessage;
  /** With a parent: address only these agencies (answering one recipient's clarification), not everyone it reached. */
  to?: string[];
  onClose: () => void;
  onSent?: (m: PMessage) => void;
}

/**
 * Writing a message in a case: recipients among the case's partner agencies (optionally a desk each), the Markdown
 * body with a preview, and the handling code, TLP marking and evaluation codes, each explained in a line.
 */
export function ComposeForm({ caseId, agencies, deskId, parent, to, onClose, onSent }: ComposeProps) {
  const { t } = useTranslation();
  const me = useSession();
  const send = useSendMessage(caseId);
  const partners = agencies.filter((a) => a.id !== me.agency.id);
  const initialRecipients = (): Recipient[] => {
    if (!parent) return partners.length === 1 ? [{ agencyId: partners[0]!.id, deskId: null }] : [];
    const back = to ?? (parent.senderAgencyId !== me.agency.id ? [parent.senderAgencyId] : parent.receipts.map((r) => r.agencyId));
    return partners.filter((a) => back.includes(a.id)).map((a) => ({ agencyId: a.id, deskId: null }));
  };
  const [recipients, setRecipients] = useState<Recipient[]>(initialRecipients);
  const [subject, setSubject] = useState(parent ? (/^re:/i.test(parent.subject) ? parent.subject : `Re: ${parent.subject}`) : '');
  const [body, setBody] = useState('');
  const [tab, setTab] = useState<string | null>('write');
  const [handlingCode, setHandlingCode] = useState<HandlingCode>(parent?.handlingCode ?? 'H0');
  const [handlingText, setHandlingText] = useState(parent?.handlingText ?? '');
  const [tlp, setTlp] = useState<TlpMarking>(parent && parent.tlp !== 'RED' ? parent.tlp : 'AMBER');
  const [reliability, setReliability] = useState<string>('');
  const [accuracy, setAccuracy] = useState<string>('');
  const [priority, setPriority] = useState<'normal' | 'urgent'>(parent?.priority ?? 'normal');
  const [isRequest, setIsRequest] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [senderDeskId, setSenderDeskId] = useState<string | null>((me.desks.find((d) => d.id === deskId) ?? me.desks[0])?.id ?? null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const files = useUploads();
  // A field's message goes once the field is changed.
  const edited = (key: string) => local[key] !== undefined && setLocal(({ [key]: _gone, ...rest }) => rest);

  const canRequest = me.permissions.includes('request.start');
  const errors = { ...detailErrors(t, send.error), ...local };
  const partnership = partnershipText(t, send.error);
  const setRecipient = (agencyId: string) => (r: Recipient | undefined) => {
    const others = tlp === 'RED' && r ? [] : recipients.filter((x) => x.agencyId !== agencyId);
    setRecipients(r ? [...others, r] : others);
    edited('recipients');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = {
      subject,
      body,
      bodyFormat: 'markdown',
      recipients: recipients.map((r) => ({ agencyId: r.agencyId, ...(r.deskId && { deskId: r.deskId }) })),
      handlingCode,
      ...(handlingCode === 'H3' && { handlingText }),
      tlp,
      sourceReliability: reliability || undefined,
      infoAccuracy: accuracy ? Number(accuracy) : undefined,
      priority,
      isRequest: canRequest && isRequest,
      ...(purpose.trim() && { purpose: purpose.trim() }),
      ...(senderDeskId && { senderDeskId }),
      ...(parent && { parentId: parent.id }),
      ...(files.ids.length > 0 && { attachmentIds: files.ids }),
    };
    const checked = ZSendMessageRequest.safeParse(values);
    if (!checked.success) {
      setLocal(issuesToFields(t, checked.error.issues));
      return;
    }
    setLocal({});
    send.mutate(checked.data, {
      onSuccess: (r) => {
        onSent?.(r.message);
        onClose();
      },
    });
  };

  const generalError = !!send.error && !partnership && Object.keys(detailErrors(t, send.error)).length === 0;

  return (
    <Modal opened onClose={onClose} size={860} title={parent ? t('messages.compose.replyTitle') : t('messages.compose.title')} closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate aria-label={parent ? t('messages.compose.replyTitle') : t('messages.compose.title')}>
      <Stack gap="md">
        {partnership && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert" title={t('messages.errors.partnershipTitle')}>
            {partnership}
          </Alert>
        )}
        {generalError && <ErrorAlert error={send.error} />}

        <Input.Wrapper label={t('messages.compose.recipients')} description={t('messages.compose.recipientsHelp')} error={errors.recipients} required>
          {partners.length === 0 ? (
            <Text size="sm" c="dimmed" mt={4}>
              {t('messages.compose.noPartners')}
            </Text>
          ) : (
            <Stack gap={0} mt={4}>
              {partners.map((a) => (
                <RecipientRow key={a.id} agency={a} value={recipients.find((r) => r.agencyId === a.id)} onChange={setRecipient(a.id)} redOnly={tlp === 'RED'} />
              ))}
            </Stack>
          )}
        </Input.Wrapper>

        <TextInput label={t('messages.compose.subject')} value={subject} onChange={(e) => (setSubject(e.currentTarget.value), edited('subject'))} error={errors.subject} maxLength={300} required data-autofocus />

        <Input.Wrapper label={t('messages.compose.body')} description={t('messages.compose.bodyHelp')} error={errors.body} required>
          <Tabs value={tab} onChange={setTab} mt={4} variant="outline">
            <Tabs.List>
              <Tabs.Tab value="write">{t('messages.compose.write')}</Tabs.Tab>
              <Tabs.Tab value="preview">{t('messages.compose.preview')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write" pt="xs">
              <Textarea
                aria-label={t('messages.compose.body')}
                value={body}
                onChange={(e) => (setBody(e.currentTarget.value), edited('body'))}
                autosize
                minRows={7}
                maxRows={18}
                dir="auto"
                styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 } }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="xs">
              <div style={{ minHeight: 150, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, padding: '8px 12px' }}>
                {body.trim() ? <MessageBody body={body} format="markdown" /> : <Text size="sm" c="dimmed">{t('messages.compose.nothingToPreview')}</Text>}
              </div>
            </Tabs.Panel>
          </Tabs>
        </Input.Wrapper>

        <AttachmentPicker uploads={files.uploads} onAdd={files.add} onRemove={files.remove} />

        <Choice label={t('messages.compose.handling')} help={t(`messages.handlingHelp.${handlingCode}`)} error={errors.handlingCode}>
          <SegmentedControl value={handlingCode} onChange={(v) => setHandlingCode(v as HandlingCode)} data={HANDLING_CODES.map((c) => ({ value: c, label: `${c} · ${t(`messages.handling.${c}`)}` }))} size="xs" fullWidth aria-label={t('messages.compose.handling')} />
        </Choice>
        {handlingCode === 'H3' && (
          <Textarea label={t('messages.compose.handlingText')} description={t('messages.compose.handlingTextHelp')} value={handlingText} onChange={(e) => (setHandlingText(e.currentTarget.value), edited('handlingText'))} error={errors.handlingText} autosize minRows={2} maxLength={2000} required />
        )}

        <Choice
          label={t('messages.compose.tlp')}
          help={
            <>
              {t(`messages.tlpHelp.${tlp}`)}
              {tlp === 'RED' && (
                <Text span size="xs" c="red.8" fw={600} display="block">
                  {t('messages.compose.redRule')}
                </Text>
              )}
            </>
          }
          error={errors.tlp}
        >
          <SegmentedControl
            value={tlp}
            onChange={(v) => {
              setTlp(v as TlpMarking);
              if (v === 'RED' && recipients.length > 1) setRecipients(recipients.slice(0, 1));
            }}
            data={TLP_MARKINGS.map((m) => ({ value: m, label: <TlpChip tlp={m} size="xs" /> }))}
            size="xs"
            fullWidth
            aria-label={t('messages.compose.tlp')}
          />
        </Choice>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Choice label={t('messages.compose.reliability')} help={reliability ? t(`messages.reliability.${reliability}`) : ''} error={errors.sourceReliability && t('messages.compose.chooseOne')}>
            <SegmentedControl value={reliability} onChange={(v) => (setReliability(v), edited('sourceReliability'))} data={SOURCE_RELIABILITY.map((r) => ({ value: r, label: r }))} size="xs" fullWidth aria-label={t('messages.compose.reliability')} />
          </Choice>
          <Choice label={t('messages.compose.accuracy')} help={accuracy ? t(`messages.accuracy.${accuracy}`) : ''} error={errors.infoAccuracy && t('messages.compose.chooseOne')}>
            <SegmentedControl value={accuracy} onChange={(v) => (setAccuracy(v), edited('infoAccuracy'))} data={INFO_ACCURACY.map((n) => ({ value: String(n), label: String(n) }))} size="xs" fullWidth aria-label={t('messages.compose.accuracy')} />
          </Choice>
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Choice label={t('messages.compose.priority')} help={t(`messages.priorityHelp.${priority}`)} error={errors.priority}>
            <SegmentedControl value={priority} onChange={(v) => setPriority(v as 'normal' | 'urgent')} data={(['normal', 'urgent'] as const).map((p) => ({ value: p, label: t(`messages.priority.${p}`) }))} size="xs" fullWidth aria-label={t('messages.compose.priority')} />
          </Choice>
          {me.desks.length > 1 ? (
            <Select label={t('messages.compose.fromDesk')} data={me.desks.map((d) => ({ value: d.id, label: d.name }))} value={senderDeskId} onChange={setSenderDeskId} error={errors.senderDeskId} allowDeselect={false} size="sm" />
          ) : (
            <div />
          )}
        </SimpleGrid>

        {canRequest && (
          <Checkbox
            label={t('messages.compose.isRequest')}
            description={t('messages.compose.isRequestHelp')}
            checked={isRequest}
            onChange={(e) => setIsRequest(e.currentTarget.checked)}
            error={errors.isRequest}
          />
        )}

        <TextInput label={t('messages.compose.purpose')} description={t('messages.compose.purposeHelp')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={errors.purpose} maxLength={500} />

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {files.busy && (
            <Text size="xs" c="dimmed">
              {t('attachments.waitForUploads')}
            </Text>
          )}
          <Button type="submit" loading={send.isPending} disabled={files.busy} leftSection={<IconSend size={16} />}>
            {t('messages.compose.send')}
          </Button>
        </Group>
      </Stack>
      </form>
    </Modal>
  );
}
