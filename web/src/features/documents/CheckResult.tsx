import { Alert, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PDocumentCheck, PMrzCheck } from '../../../../common';
import { Empty } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { CandidateList } from '../screening/CandidateList';

/** The registry's answer: a clear stolen/lost banner naming the registering agency, or that nothing is registered. */
export function DocumentVerdict({ check }: { check: PDocumentCheck }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {check.unreliable && (
        <Alert color="yellow" variant="light" title={t('documents.unreliableTitle')} data-testid="unreliable">
          {t('documents.unreliableText')}
        </Alert>
      )}
      {check.hit ? (
        check.matches.map((m) => (
          <Alert key={m.id} color="red" variant="filled" title={t(`documents.banner.${m.lossType}`, { type: t(`documents.type.${m.type}`) })} data-testid="document-hit">
            <Text size="sm">
              <bdi dir="ltr">{m.issuingState} {m.number}</bdi> · {t('documents.registeredBy', { agency: m.agency.name })}
            </Text>
            <Text size="sm" mt={4}>{t('documents.hitAdvice')}</Text>
          </Alert>
        ))
      ) : (
        <Alert color="teal" variant="light" title={t('documents.noHitTitle')} data-testid="document-no-hit">
          <Text size="sm"><bdi dir="ltr">{check.query.issuingState} {check.query.number}</bdi> · {t('documents.noHitText')}</Text>
        </Alert>
      )}
    </Stack>
  );
}

/** Everything a zone check says: the verdict, the fields as read, and the holder's screening candidates. */
export function MrzCheckResult({ result }: { result: PMrzCheck }) {
  const { t } = useTranslation();
  const f = useFormat();
  const m = result.mrz;
  // Codes, numbers and names read left to right; translated words and formatted dates follow the page.
  const rows: [string, string, boolean][] = [
    [t('documents.field.surname'), m.primaryIdentifier, true],
    [t('documents.field.givenNames'), m.secondaryIdentifier, true],
    [t('documents.field.documentNumber'), m.documentNumber, true],
    [t('documents.field.issuingState'), m.issuingState, true],
    [t('documents.field.nationality'), m.nationality, true],
    [t('documents.field.birthDate'), m.birthDate?.length === 10 ? f.date(m.birthDate) : (m.birthDate ?? '—'), false],
    [t('documents.field.sex'), t(`documents.sex.${m.sex}`), false],
    [t('documents.field.expiryDate'), m.expiryDate?.length === 10 ? f.date(m.expiryDate) : (m.expiryDate ?? '—'), false],
    [t('documents.field.documentType'), t(`documents.type.${m.documentType}`), false],
  ];
  const alerts = result.screening.candidates.filter((c) => c.alert).length;
  return (
    <Stack gap="sm">
      <DocumentVerdict check={result.document} />
      <Card withBorder radius="md" padding="sm">
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {rows.map(([k, v, ltr]) => (
              <Table.Tr key={k}>
                <Table.Td c="dimmed" w="40%">{k}</Table.Td>
                <Table.Td>{ltr ? <bdi dir="ltr">{v}</bdi> : v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Group justify="space-between">
        <Title order={3}>{t('documents.screeningTitle')}</Title>
        <Text size="sm" c={alerts ? 'red.8' : 'dimmed'} fw={alerts ? 600 : 400}>{alerts ? t('documents.screeningAlerts', { n: f.number(alerts) }) : t('documents.screeningNone')}</Text>
      </Group>
      {result.screening.candidates.length === 0 ? <Card withBorder radius="md"><Empty title={t('documents.noCandidates')} /></Card> : <CandidateList candidates={result.screening.candidates} />}
    </Stack>
  );
}
