import { Alert, Button, Card, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CRIME_AREAS, ZCreateCaseRequest } from '../../../../common';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { validate } from '../../i18n/validate';
import { useColleagues, useCreateCase } from './api';
import { iso } from './labels';

/** Opens a case for the user's agency, at one of their desks; optionally a joint team of named members. */
export function NewCasePage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const colleagues = useColleagues();
  const create = useCreateCase();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [crimeAreas, setCrimeAreas] = useState<string[]>([]);
  const [deskId, setDeskId] = useState<string | null>(me.desks[0]?.id ?? null);
  const [restricted, setRestricted] = useState(false);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZCreateCaseRequest, { title, summary, crimeAreas, deskId: deskId ?? undefined, restricted, memberIds });
    setErrors(v.errors ?? {});
    if (v.data) create.mutate(v.data, { onSuccess: (r) => void navigate(`/cases/${r.case.id}`), onError: (err) => setErrors(fieldErrorsFromError(t, err)) });
  };

  return (
    <RequireAbility allowed={me.abilities.workCases === true}>
      <PageHeader title={t('cases.newTitle')} description={t('cases.newIntro', { agency: iso(me.agency.name) })} />
      <Card withBorder radius="md" padding="lg" maw={860}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ErrorAlert error={create.error} />
            <TextInput label={t('cases.caseTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} required data-autofocus />
            <Textarea label={t('cases.summary')} description={t('cases.summaryHelp')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} autosize minRows={4} maxRows={14} />
            <Checkbox.Group label={t('cases.crimeAreas')} value={crimeAreas} onChange={setCrimeAreas} error={errors.crimeAreas} required>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt={6} spacing={8}>
                {CRIME_AREAS.map((a) => (
                  <Checkbox key={a} value={a} label={t(`crimeAreas.${a}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Select label={t('cases.desk')} description={t('cases.deskHelp')} data={me.desks.map((d) => ({ value: d.id, label: d.name }))} value={deskId} onChange={setDeskId} error={errors.deskId} allowDeselect={false} maw={420} />
            <Switch label={t('cases.restrictedSwitch')} description={t('cases.restrictedHelp')} checked={restricted} onChange={(e) => setRestricted(e.currentTarget.checked)} color="grape" />
            <MultiSelect
              label={t('cases.nameMembers')}
              description={restricted ? t('cases.membersHelpRestricted') : t('cases.membersHelp')}
              data={(colleagues.data ?? []).filter((c) => c.id !== me.user.id).map((c) => ({ value: c.id, label: c.displayName }))}
              value={memberIds}
              onChange={setMemberIds}
              error={errors.memberIds}
              searchable
              clearable
              maw={560}
            />
            {restricted && (
              <Alert variant="light" color="grape">
                <Text size="sm">{t('cases.restrictedNote')}</Text>
              </Alert>
            )}
            <Group justify="flex-end" mt="sm">
              <Button variant="default" component={Link} to="/cases">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('cases.openSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </RequireAbility>
  );
}
