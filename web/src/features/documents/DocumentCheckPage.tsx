import { Alert, Button, Card, Grid, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMrz } from '../../../../common/mrz';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert } from '../../components/States';
import { useCheckDocument, useCheckMrz } from './api';
import { DocumentVerdict, MrzCheckResult } from './CheckResult';
import { MrzView } from './MrzView';

const PURPOSE_KEY = 'tansiq.documents.purpose';

/** The MRZ box: parsed in the browser as it is typed (check digits green or red), then checked on the server. */
function MrzForm({ purpose }: { purpose: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const check = useCheckMrz();
  const parsed = useMemo(() => (text.trim() ? parseMrz(text) : null), [text]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sessionStorage.setItem(PURPOSE_KEY, purpose);
    check.mutate({ mrz: text, purpose: purpose.trim() });
  };
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md" component="form" onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label={t('documents.mrzLabel')}
            description={t('documents.mrzHint')}
            value={text}
            onChange={(e) => { setText(e.currentTarget.value); check.reset(); }}
            autosize minRows={3} maxRows={5} dir="ltr" spellCheck={false} autoCapitalize="characters"
            styles={{ input: { fontFamily: 'ui-monospace, "Courier New", monospace', fontSize: 14 } }}
            data-testid="mrz-input"
          />
          {parsed && !parsed.ok && <Text size="sm" c="red.8" role="alert">{t(`documents.mrzError.${parsed.error.code}`)} <Text span size="xs" c="dimmed">({parsed.error.message})</Text></Text>}
          {parsed?.ok && <MrzView mrz={parsed.mrz} />}
          <Group justify="flex-end">
            <Button type="submit" loading={check.isPending} disabled={!parsed?.ok || purpose.trim().length < 3}>{t('documents.checkMrz')}</Button>
          </Group>
        </Stack>
      </Card>
      {check.error && <ErrorAlert error={check.error} />}
      {check.data && <MrzCheckResult result={check.data} />}
    </Stack>
  );
}

/** Number and issuing state, typed. */
function NumberForm({ purpose, defaultIssuer }: { purpose: string; defaultIssuer: string }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [issuer, setIssuer] = useState(defaultIssuer);
  const check = useCheckDocument();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sessionStorage.setItem(PURPOSE_KEY, purpose);
    check.mutate({ number: number.trim(), issuingState: issuer.trim(), purpose: purpose.trim() });
  };
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md" component="form" onSubmit={submit}>
        <Stack gap="sm">
          <Group grow gap="sm" align="flex-start">
            <TextInput label={t('documents.field.documentNumber')} value={number} onChange={(e) => { setNumber(e.currentTarget.value); check.reset(); }} required dir="ltr" data-testid="number-input" />
            <TextInput label={t('documents.field.issuingState')} description={t('documents.issuerHint')} value={issuer} onChange={(e) => { setIssuer(e.currentTarget.value.toUpperCase()); check.reset(); }} required maxLength={3} dir="ltr" />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={check.isPending} disabled={purpose.trim().length < 3}>{t('documents.checkNumber')}</Button>
          </Group>
        </Stack>
      </Card>
      {check.error && <ErrorAlert error={check.error} />}
      {check.data && <DocumentVerdict check={check.data} />}
    </Stack>
  );
}

/** Document check: is this travel document registered stolen or lost, and is its holder on a list? */
export function DocumentCheckPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [purpose, setPurpose] = useState(() => sessionStorage.getItem(PURPOSE_KEY) ?? '');
  return (
    <RequireAbility allowed={me.permissions.includes('screening.run')}>
      <PageHeader title={t('documents.checkTitle')} description={t('documents.checkIntro')} />
      <TextInput label={t('documents.purpose')} description={t('documents.purposeHint')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} required minLength={3} mb="md" maw={520} data-testid="purpose-input" />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={2} size="h4" mb="xs">{t('documents.byMrz')}</Title>
          <MrzForm purpose={purpose} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Title order={2} size="h4" mb="xs">{t('documents.byNumber')}</Title>
          <NumberForm purpose={purpose} defaultIssuer="" />
          <Alert variant="light" color="gray" mt="md">
            <Empty title={t('documents.aboutTitle')} description={t('documents.aboutText')} />
          </Alert>
        </Grid.Col>
      </Grid>
    </RequireAbility>
  );
}
