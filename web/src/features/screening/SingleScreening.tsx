import { Alert, Button, Card, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TScreeningMatchRequest } from '../../../../common';
import { Empty, ErrorAlert } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useMatch } from './api';
import { CandidateList } from './CandidateList';
import { IconScreening } from './icons';

const PURPOSE_KEY = 'tansiq.screening.purpose';

/** One name, in any script, against every list the agency screens against. */
export function SingleScreening() {
  const { t } = useTranslation();
  const f = useFormat();
  const match = useMatch();
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [nationality, setNationality] = useState('');
  const [gender, setGender] = useState<string | null>(null);
  const [document, setDocument] = useState('');
  // The purpose usually stays the same for a shift: kept for the tab's life, not across sessions.
  const [purpose, setPurpose] = useState(() => sessionStorage.getItem(PURPOSE_KEY) ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    sessionStorage.setItem(PURPOSE_KEY, purpose);
    const body: TScreeningMatchRequest = { name: name.trim(), purpose: purpose.trim(), top: 10 };
    if (birthDate.trim()) body.birthDate = birthDate.trim();
    if (nationality.trim()) body.nationality = nationality.trim();
    if (gender) body.gender = gender as 'male' | 'female';
    if (document.trim()) body.document = document.trim();
    match.mutate(body);
  };
  const data = match.data;
  const alerts = data?.candidates.filter((c) => c.alert).length ?? 0;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder radius="md" padding="md" component="form" onSubmit={submit}>
          <Stack gap="sm">
            <TextInput label={t('screening.name')} description={t('screening.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} required dir="auto" data-autofocus autoFocus size="md" />
            <Group grow gap="sm">
              <TextInput label={t('screening.birthDate')} placeholder="1975-03-21" value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} dir="ltr" />
              <TextInput label={t('screening.nationality')} placeholder="MA" value={nationality} onChange={(e) => setNationality(e.currentTarget.value)} />
            </Group>
            <Group grow gap="sm">
              <Select label={t('screening.gender')} data={[{ value: 'male', label: t('screening.male') }, { value: 'female', label: t('screening.female') }]} value={gender} onChange={setGender} clearable />
              <TextInput label={t('screening.document')} value={document} onChange={(e) => setDocument(e.currentTarget.value)} dir="ltr" />
            </Group>
            <TextInput label={t('screening.purpose')} description={t('screening.purposeHint')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} required minLength={3} />
            <Button type="submit" loading={match.isPending} leftSection={<IconScreening size={16} />}>
              {t('screening.search')}
            </Button>
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {match.error ? (
          <ErrorAlert error={match.error} />
        ) : !data ? (
          <Card withBorder radius="md" padding="md">
            <Empty title={t('screening.readyTitle')} description={t('screening.readyText')} icon={<IconScreening size={22} />} />
          </Card>
        ) : (
          <Stack gap="sm">
            <Alert color={alerts ? 'red' : 'teal'} variant="light" title={alerts ? t('screening.alertsFound', { count: alerts }) : t('screening.noAlert')}>
              <Text size="sm">
                {t('screening.searched', { lists: f.number(data.searched.watchlists), entries: f.number(data.searched.entries), threshold: f.number(Math.round(data.alertThreshold * 100)) })}
              </Text>
            </Alert>
            {data.candidates.length === 0 ? (
              <Card withBorder radius="md"><Empty title={t('screening.noCandidates')} /></Card>
            ) : (
              <CandidateList candidates={data.candidates} />
            )}
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}
