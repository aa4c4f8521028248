import { ActionIcon, Alert, Button, Card, Group, MultiSelect, Radio, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLING_CODES, NOTICE_COLOURS, NOTICE_KINDS, NOTICE_NAME_KINDS, TLP_MARKINGS, ZCreateNoticeRequest, type HandlingCode, type NoticeColour, type NoticeKind, type PNotice, type TCreateNoticeRequest, type TlpMarking } from '../../../../common';
import { IconPlus } from '../../components/icons';
import { ProblemsAlert } from './ProblemsAlert';
import type { FieldErrors } from '../../i18n/errors';
import { HandlingBadge, TlpChip } from '../messages/labels';
import { IconX } from '../screening/icons';
import { useAddressees } from './api';
import { deepErrors, deepErrorsFromError, errorAt } from './formErrors';
import { COLOUR_STYLE } from './labels';

type NameKind = (typeof NOTICE_NAME_KINDS)[number];
interface NameRow { full: string; kind: NameKind; script: string }
interface DocRow { number: string; country: string; type: string }

/** The form's own state: text as typed, turned into the request only when saved. */
export interface NoticeDraft {
  colour: NoticeColour;
  kind: NoticeKind;
  subjectType: 'person' | 'organisation';
  names: NameRow[];
  birthDates: string[];
  birthPlace: string;
  nationalities: string[];
  gender: '' | 'male' | 'female' | 'other';
  documents: DocRow[];
  marks: string;
  languages: string[];
  offence: string;
  warrantReference: string;
  requestingAuthority: string;
  legalBasis: string;
  validUntil: string;
  handlingCode: HandlingCode;
  tlp: TlpMarking;
  addresseeAgencyIds: string[];
}

export const EMPTY_DRAFT: NoticeDraft = {
  colour: 'red', kind: 'notice', subjectType: 'person', names: [{ full: '', kind: 'primary', script: '' }], birthDates: [], birthPlace: '', nationalities: [], gender: '',
  documents: [], marks: '', languages: [], offence: '', warrantReference: '', requestingAuthority: '', legalBasis: '', validUntil: '', handlingCode: 'H0', tlp: 'GREEN', addresseeAgencyIds: [],
};

/** A saved notice as the form's state (to edit a draft or a refused request). */
export function draftOf(n: PNotice): NoticeDraft {
  const s = n.subject;
  return {
    colour: n.colour, kind: n.kind, subjectType: s.type,
    names: s.names.map((x) => ({ full: x.full, kind: x.kind, script: x.script ?? '' })),
    birthDates: s.birthDates, birthPlace: s.birthPlace ?? '', nationalities: s.nationalities, gender: s.gender ?? '',
    documents: s.documents.map((d) => ({ number: d.number, country: d.country ?? '', type: d.type ?? '' })),
    marks: s.distinguishingMarks ?? '', languages: s.languages, offence: n.offence, warrantReference: n.warrantReference ?? '', requestingAuthority: n.requestingAuthority ?? '',
    legalBasis: n.legalBasis ?? '', validUntil: n.validUntil ?? '', handlingCode: n.handlingCode, tlp: n.tlp, addresseeAgencyIds: n.addressees.map((a) => a.id),
  };
}

/** Where each form field's messages sit in the request. */
const PATH: Record<keyof NoticeDraft, string> = {
  colour: 'colour', kind: 'kind', subjectType: 'subject.type', names: 'subject.names', birthDates: 'subject.birthDates', birthPlace: 'subject.birthPlace',
  nationalities: 'subject.nationalities', gender: 'subject.gender', documents: 'subject.documents', marks: 'subject.distinguishingMarks', languages: 'subject.languages',
  offence: 'offence', warrantReference: 'warrantReference', requestingAuthority: 'requestingAuthority', legalBasis: 'legalBasis', validUntil: 'validUntil',
  handlingCode: 'handlingCode', tlp: 'tlp', addresseeAgencyIds: 'addresseeAgencyIds',
};

const opt = (v: string) => (v.trim() ? v.trim() : undefined);

function requestOf(d: NoticeDraft): unknown {
  return {
    colour: d.colour,
    kind: d.kind,
    subject: {
      type: d.subjectType,
      names: d.names.filter((n, i) => i === 0 || n.full.trim()).map((n) => ({ full: n.full, kind: n.kind, script: opt(n.script) })),
      birthDates: d.birthDates,
      birthPlace: opt(d.birthPlace),
      nationalities: d.nationalities.map((x) => (/^[a-z]{2}$/i.test(x.trim()) ? x.trim().toUpperCase() : x.trim())),
      gender: d.gender || undefined,
      documents: d.documents.filter((x) => x.number.trim()).map((x) => ({ number: x.number, country: opt(x.country), type: opt(x.type) })),
      distinguishingMarks: opt(d.marks),
      languages: d.languages,
    },
    offence: d.offence,
    warrantReference: opt(d.warrantReference),
    requestingAuthority: opt(d.requestingAuthority),
    legalBasis: opt(d.legalBasis),
    validUntil: opt(d.validUntil),
    handlingCode: d.handlingCode,
    tlp: d.tlp,
    addresseeAgencyIds: d.kind === 'diffusion' ? d.addresseeAgencyIds : [],
  };
}

/**
 * The request form for a notice or diffusion: colour with its meaning, subject (names in any script, one row each),
 * offence and legal basis, validity and markings. Client checks use the shared schema; the server's answers land on
 * the fields they name, and nothing typed is lost on an error.
 */
export function NoticeForm({ initial, saving, error, onSave }: { initial: NoticeDraft; saving: boolean; error: unknown; onSave: (body: TCreateNoticeRequest, then: 'stay' | 'submit') => Promise<unknown> }) {
  const { t } = useTranslation();
  const [d, setD] = useState<NoticeDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Fields edited since the last save: their messages (the form's or the server's) no longer apply.
  const [edited, setEdited] = useState<readonly string[]>([]);
  const addressees = useAddressees(d.kind === 'diffusion');
  const set = <K extends keyof NoticeDraft>(k: K, v: NoticeDraft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    const path = PATH[k];
    if (!edited.includes(path)) setEdited([...edited, path]);
  };
  const setName = (i: number, patch: Partial<NameRow>) => set('names', d.names.map((n, j) => (j === i ? { ...n, ...patch } : n)));
  const setDoc = (i: number, patch: Partial<DocRow>) => set('documents', d.documents.map((n, j) => (j === i ? { ...n, ...patch } : n)));
  const red = d.colour === 'red';
  const serverErrors = deepErrorsFromError(t, error);
  const errs: FieldErrors = Object.fromEntries(
    Object.entries({ ...serverErrors, ...errors }).filter(([k]) => !edited.some((p) => k === p || k.startsWith(`${p}.`))),
  );

  const save = (then: 'stay' | 'submit') => {
    const r = ZCreateNoticeRequest.safeParse(requestOf(d), { reportInput: true });
    if (!r.success) {
      setErrors(deepErrors(t, r.error.issues));
      setEdited([]);
      return;
    }
    setErrors({});
    setEdited([]);
    void onSave(r.data, then).catch(() => undefined);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save('stay');
  };
  const unplaced = error && Object.keys(serverErrors).length === 0;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder radius="md" padding="md">
          <Title order={2} mb="sm">{t('notices.form.what')}</Title>
          <Stack gap="sm">
            <Stack gap={4}>
              <SegmentedControl value={d.kind} onChange={(v) => set('kind', v as NoticeKind)} data={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notices.kind.${k}`) }))} aria-label={t('notices.kindLabel')} w="fit-content" />
              <Text size="xs" c="dimmed">{t(`notices.form.kindHelp.${d.kind}`)}</Text>
            </Stack>
            <Radio.Group label={t('notices.colourLabel')} value={d.colour} onChange={(v) => set('colour', v as NoticeColour)} error={errs.colour} withAsterisk>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt={6}>
                {NOTICE_COLOURS.map((c) => (
                  <Radio.Card key={c} value={c} radius="sm" p="xs" style={{ borderInlineStartWidth: 6, borderInlineStartColor: COLOUR_STYLE[c].bg }} aria-label={t(`notices.colour.${c}`)}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Radio.Indicator />
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>{t(`notices.colour.${c}`)}</Text>
                        <Text size="xs" c="dimmed">{t(`notices.meaning.${c}`)}</Text>
                      </Stack>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
            {d.colour === 'un' && <Alert color="blue" variant="light">{t('notices.form.unHelp')}</Alert>}
            {d.kind === 'diffusion' && (
              <MultiSelect
                label={t('notices.addressees')}
                description={t('notices.form.addresseesHelp')}
                data={(addressees.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.country})` }))}
                value={d.addresseeAgencyIds}
                onChange={(v) => set('addresseeAgencyIds', v)}
                error={errorAt(errs, 'addresseeAgencyIds')}
                searchable
                withAsterisk
                comboboxProps={{ withinPortal: true }}
              />
            )}
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm">
            <Title order={2}>{t('notices.form.subject')}</Title>
            <SegmentedControl size="xs" value={d.subjectType} onChange={(v) => set('subjectType', v as 'person' | 'organisation')} data={(['person', 'organisation'] as const).map((k) => ({ value: k, label: t(`notices.subjectType.${k}`) }))} />
          </Group>
          <Stack gap="sm">
            <Stack gap={6}>
              <Text size="sm" fw={500}>{t('notices.form.names')}</Text>
              <Text size="xs" c="dimmed">{t('notices.form.namesHelp')}</Text>
              {d.names.map((n, i) => (
                <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-name-row={i}>
                  <TextInput aria-label={t('notices.form.nameN', { n: i + 1 })} placeholder={t('notices.name')} value={n.full} onChange={(e) => setName(i, { full: e.currentTarget.value })} error={errorAt(errs, `subject.names.${i}.full`) ?? (i === 0 ? errs['subject.names'] : undefined)} dir="auto" style={{ flex: 3 }} withAsterisk={i === 0} />
                  <Select aria-label={t('notices.nameKindLabel')} value={n.kind} onChange={(v) => setName(i, { kind: (v as NameKind) ?? 'primary' })} data={NOTICE_NAME_KINDS.map((k) => ({ value: k, label: t(`notices.nameKind.${k}`) }))} allowDeselect={false} style={{ flex: 1.4 }} />
                  <TextInput aria-label={t('notices.script')} placeholder={t('notices.form.scriptHint')} value={n.script} onChange={(e) => setName(i, { script: e.currentTarget.value })} style={{ flex: 1 }} />
                  <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => set('names', d.names.filter((_, j) => j !== i))} disabled={d.names.length === 1} aria-label={t('notices.form.removeName', { n: i + 1 })}>
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set('names', [...d.names, { full: '', kind: 'transliteration', script: '' }])} w="fit-content">
                {t('notices.form.addName')}
              </Button>
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TagsInput label={t('notices.birthDates')} description={t('notices.form.datesHelp')} value={d.birthDates} onChange={(v) => set('birthDates', v)} error={errorAt(errs, 'subject.birthDates')} splitChars={[',', ' ']} clearable />
              <TextInput label={t('notices.birthPlace')} value={d.birthPlace} onChange={(e) => set('birthPlace', e.currentTarget.value)} error={errs['subject.birthPlace']} dir="auto" />
              <TagsInput label={t('notices.nationalities')} description={t('notices.form.nationalitiesHelp')} value={d.nationalities} onChange={(v) => set('nationalities', v)} error={errorAt(errs, 'subject.nationalities')} splitChars={[',', ' ']} clearable />
              <Select label={t('notices.gender')} value={d.gender || null} onChange={(v) => set('gender', (v ?? '') as NoticeDraft['gender'])} data={(['male', 'female', 'other'] as const).map((g) => ({ value: g, label: t(`notices.genders.${g}`) }))} clearable />
              <TagsInput label={t('notices.languages')} description={t('notices.form.languagesHelp')} value={d.languages} onChange={(v) => set('languages', v)} error={errorAt(errs, 'subject.languages')} splitChars={[',', ' ']} clearable />
            </SimpleGrid>
            <Stack gap={6}>
              <Text size="sm" fw={500}>{t('notices.documents')}</Text>
              {d.documents.map((doc, i) => (
                <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput aria-label={t('notices.form.docNumber')} placeholder={t('notices.form.docNumber')} value={doc.number} onChange={(e) => setDoc(i, { number: e.currentTarget.value })} error={errorAt(errs, `subject.documents.${i}.number`)} style={{ flex: 2 }} className="ltr-value" />
                  <TextInput aria-label={t('notices.form.docCountry')} placeholder={t('notices.form.docCountry')} value={doc.country} onChange={(e) => setDoc(i, { country: e.currentTarget.value })} error={errorAt(errs, `subject.documents.${i}.country`)} style={{ flex: 1 }} />
                  <TextInput aria-label={t('notices.form.docType')} placeholder={t('notices.form.docType')} value={doc.type} onChange={(e) => setDoc(i, { type: e.currentTarget.value })} style={{ flex: 1 }} />
                  <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => set('documents', d.documents.filter((_, j) => j !== i))} aria-label={t('notices.form.removeDoc', { n: i + 1 })}>
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set('documents', [...d.documents, { number: '', country: '', type: '' }])} w="fit-content">
                {t('notices.form.addDoc')}
              </Button>
            </Stack>
            <Textarea label={t('notices.marks')} value={d.marks} onChange={(e) => set('marks', e.currentTarget.value)} error={errs['subject.distinguishingMarks']} autosize minRows={2} dir="auto" />
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="md">
          <Title order={2} mb="sm">{t('notices.form.basis')}</Title>
          <Stack gap="sm">
            <Textarea label={red ? t('notices.offenceRed') : t('notices.offence')} description={t('notices.form.offenceHelp')} value={d.offence} onChange={(e) => set('offence', e.currentTarget.value)} error={errs.offence} autosize minRows={3} withAsterisk dir="auto" />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('notices.warrantReference')} description={red ? t('notices.form.warrantHelp') : undefined} value={d.warrantReference} onChange={(e) => set('warrantReference', e.currentTarget.value)} error={errs.warrantReference} withAsterisk={red} dir="auto" />
              <TextInput label={t('notices.requestingAuthority')} description={red ? t('notices.form.authorityHelp') : undefined} value={d.requestingAuthority} onChange={(e) => set('requestingAuthority', e.currentTarget.value)} error={errs.requestingAuthority} withAsterisk={red} dir="auto" />
            </SimpleGrid>
            <Textarea label={t('notices.legalBasis')} value={d.legalBasis} onChange={(e) => set('legalBasis', e.currentTarget.value)} error={errs.legalBasis} autosize minRows={2} dir="auto" />
            <TextInput label={t('notices.validUntil')} description={t('notices.form.validHelp')} type="date" value={d.validUntil} onChange={(e) => set('validUntil', e.currentTarget.value)} error={errs.validUntil} w={220} />
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="md">
          <Title order={2} mb="sm">{t('notices.handling')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('notices.form.handlingCode')}
              value={d.handlingCode}
              onChange={(v) => set('handlingCode', (v as HandlingCode) ?? 'H0')}
              data={HANDLING_CODES.map((c) => ({ value: c, label: t(`messages.handlingHelp.${c}`) }))}
              allowDeselect={false}
              leftSection={<HandlingBadge code={d.handlingCode} size="xs" />}
              leftSectionWidth={44}
              description={t('notices.form.handlingHelp')}
            />
            <Select
              label={t('notices.form.tlp')}
              value={d.tlp}
              onChange={(v) => set('tlp', (v as TlpMarking) ?? 'GREEN')}
              data={TLP_MARKINGS.map((c) => ({ value: c, label: `TLP:${c} — ${t(`messages.tlpHelp.${c}`)}` }))}
              allowDeselect={false}
              description={<TlpChip tlp={d.tlp} size="xs" />}
            />
          </SimpleGrid>
        </Card>

        {Object.keys(errs).length > 0 && <Alert color="red" variant="light" role="alert">{t('notices.form.fixFields')}</Alert>}
        {unplaced ? <ProblemsAlert error={error} /> : null}
        <Group gap="xs">
          <Button type="submit" variant="default" loading={saving}>{t('notices.form.saveDraft')}</Button>
          <Button onClick={() => save('submit')} loading={saving}>{t('notices.form.saveSubmit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
