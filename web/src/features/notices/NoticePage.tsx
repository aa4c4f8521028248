import { Alert, Anchor, Badge, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PNotice } from '../../../../common';
import { ApiError } from '../../api/client';
import { IconAlert } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../home/NotFoundPage';
import { HandlingBadge, TlpChip } from '../messages/labels';
import { useHits } from '../hits/api';
import { HitCard } from '../hits/HitCard';
import { useNotice } from './api';
import { NoticeActions } from './NoticeActions';
import { useCountryName } from './NoticeCard';
import { NoticeHistory } from './NoticeHistory';
import { NoticePhotoEditor, PhotoFrame } from './NoticePhoto';
import { COLOUR_STYLE, ColourBadge, INACTIVE_STATES, KindBadge, StateBadge, isolate } from './labels';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** The banner that says, before anything else, what may be done on the strength of this notice. */
function StateBanner({ n }: { n: PNotice }) {
  const { t } = useTranslation();
  const reason = n.stateReason ? <Text size="sm" dir="auto" mt={4}>{t('notices.reasonWas', { reason: isolate(n.stateReason) })}</Text> : null;
  if (INACTIVE_STATES.includes(n.state)) {
    return (
      <Alert color="orange" variant="filled" icon={<IconAlert />} title={t(`notices.banner.${n.state}`)} role="alert" data-banner={n.state}>
        {t('notices.banner.noAction')}
        {reason}
      </Alert>
    );
  }
  if (n.state === 'refused') {
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} title={t('notices.banner.refused')} data-banner="refused">
        {reason}
      </Alert>
    );
  }
  if (n.state === 'draft') {
    const submitted = n.history.at(-1)?.action === 'submitted';
    return (
      <Alert color="gray" variant="light" title={t(submitted ? 'notices.banner.awaitingApproval' : 'notices.banner.draft')} data-banner={submitted ? 'awaiting-approval' : 'draft'}>
        {t(submitted ? 'notices.banner.awaitingApprovalText' : 'notices.banner.draftText')}
        {reason}
      </Alert>
    );
  }
  if (n.state === 'requested') {
    return (
      <Alert color="blue" variant="light" title={t('notices.banner.requested')} data-banner="requested">
        {t('notices.banner.requestedText')}
      </Alert>
    );
  }
  // Published.
  if (n.colour === 'red') {
    return (
      <Alert color="red" variant="filled" icon={<IconAlert />} title={t('notices.banner.wanted')} data-banner="wanted">
        {t('notices.banner.wantedText')}
      </Alert>
    );
  }
  return null;
}

/** Hits on this notice, for the requesting NCB. */
function NoticeHits({ noticeId }: { noticeId: string }) {
  const { t } = useTranslation();
  const hits = useHits({ scope: 'on-our-notices', state: '', source: '', noticeId, page: 1 });
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} mb="sm">
        {t('notices.hits')}
      </Title>
      {hits.isPending ? <Loading /> : hits.error ? <ErrorAlert error={hits.error} /> : hits.data.hits.length === 0 ? (
        <Empty title={t('notices.noHits')} />
      ) : (
        <Stack gap="sm">
          {hits.data.hits.map((h) => (
            <HitCard key={h.id} hit={h} linkToPage />
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** A script tag ("Latn", "Arab") or a language code ("ar") as its name in the reader's language. */
function useScriptName() {
  const { i18n } = useTranslation();
  const f = useFormat();
  return (v: string) => {
    if (!/^[A-Z][a-z]{3}$/.test(v)) return f.language(v);
    try {
      return new Intl.DisplayNames(i18n.language, { type: 'script' }).of(v) ?? v;
    } catch {
      return v;
    }
  };
}

/** A notice or diffusion: subject, legal basis, markings, state, history, the actions allowed, and its hits. */
export function NoticePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const country = useCountryName();
  const scriptName = useScriptName();
  const { id } = useParams();
  const q = useNotice(id);
  if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const n = q.data;
  const s = n.subject;
  const inactive = INACTIVE_STATES.includes(n.state);
  const dash = '—';

  return (
    <>
      <Anchor component={Link} to="/notices" size="sm">
        {t('notices.back')}
      </Anchor>
      <div style={{ height: 6, background: COLOUR_STYLE[n.colour].bg, borderRadius: 3, margin: '8px 0 12px' }} aria-hidden />
      <PageHeader title={n.name} actions={<NoticeActions notice={n} />} />
      <Group gap="xs" mb="md" wrap="wrap">
        <ColourBadge colour={n.colour} size="lg" />
        <KindBadge kind={n.kind} />
        <StateBadge state={n.state} />
        {n.reference && <Badge variant="default" radius="xs" className="ltr-value">{n.reference}</Badge>}
        <HandlingBadge code={n.handlingCode} />
        <TlpChip tlp={n.tlp} />
        <Text size="sm" c="dimmed">
          {t(`notices.meaning.${n.colour}`)}
        </Text>
      </Group>
      <Stack gap="md">
        <StateBanner n={n} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Card withBorder radius="md" padding="md" style={inactive ? { opacity: 0.75 } : undefined}>
                <Title order={2} mb="sm">
                  {t(`notices.subjectType.${s.type}`)}
                </Title>
                <Group align="flex-start" gap="md" mb="sm" wrap="wrap">
                  {n.abilities.changePhoto ? <NoticePhotoEditor notice={n} /> : n.photo ? <PhotoFrame notice={n} width={160} /> : null}
                  <div style={{ flex: '1 1 280px', minWidth: 0 }}>
                    <Table withRowBorders={false} verticalSpacing={4} mb="sm">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('notices.name')}</Table.Th>
                          <Table.Th>{t('notices.nameKindLabel')}</Table.Th>
                          <Table.Th>{t('notices.script')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {s.names.map((nm, i) => (
                          <Table.Tr key={i}>
                            <Table.Td>
                              <Text fw={nm.kind === 'primary' ? 650 : 400} dir="auto" data-name={nm.full}>
                                {nm.full}
                              </Text>
                            </Table.Td>
                            <Table.Td>{t(`notices.nameKind.${nm.kind}`)}</Table.Td>
                            <Table.Td>{nm.script ? scriptName(nm.script) : dash}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </div>
                </Group>
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Field label={t('notices.birthDates')}>{s.birthDates.length ? <Text size="sm">{f.list(s.birthDates.map(isolate))}</Text> : dash}</Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Field label={t('notices.birthPlace')}><Text size="sm" dir="auto">{s.birthPlace ?? dash}</Text></Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Field label={t('notices.nationalities')}><Text size="sm">{s.nationalities.length ? f.list(s.nationalities.map(country)) : dash}</Text></Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Field label={t('notices.gender')}><Text size="sm">{s.gender ? t(`notices.genders.${s.gender}`) : dash}</Text></Field>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Field label={t('notices.languages')}><Text size="sm">{s.languages.length ? f.list(s.languages.map((l) => f.language(l))) : dash}</Text></Field>
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <Field label={t('notices.documents')}>
                      {s.documents.length === 0 ? dash : (
                        <Stack gap={2}>
                          {s.documents.map((d, i) => (
                            <Text size="sm" key={i}>
                              <span className="ltr-value">{d.number}</span>
                              {[d.type, d.country ? country(d.country) : null].filter(Boolean).map((x) => ` · ${String(x)}`).join('')}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Field>
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <Field label={t('notices.marks')}><Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{s.distinguishingMarks ?? dash}</Text></Field>
                  </Grid.Col>
                </Grid>
              </Card>
              <Card withBorder radius="md" padding="md">
                <Title order={2} mb="sm">
                  {n.colour === 'red' ? t('notices.offenceRed') : t('notices.offence')}
                </Title>
                <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} mb="sm">
                  {n.offence}
                </Text>
                <Grid gap="sm">
                  {(n.colour === 'red' || n.warrantReference) && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Field label={t('notices.warrantReference')}><Text size="sm" dir="auto">{n.warrantReference ?? dash}</Text></Field>
                    </Grid.Col>
                  )}
                  {(n.colour === 'red' || n.requestingAuthority) && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Field label={t('notices.requestingAuthority')}><Text size="sm" dir="auto">{n.requestingAuthority ?? dash}</Text></Field>
                    </Grid.Col>
                  )}
                  <Grid.Col span={12}>
                    <Field label={t('notices.legalBasis')}><Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{n.legalBasis ?? dash}</Text></Field>
                  </Grid.Col>
                </Grid>
              </Card>
              {n.hitCount !== null && <NoticeHits noticeId={n.id} />}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <Card withBorder radius="md" padding="md">
                <Stack gap="xs">
                  <Field label={t('notices.requestingNcb')}>
                    <Text size="sm">{n.requestingAgency.name}{n.requestingDesk ? ` · ${n.requestingDesk.name}` : ''}</Text>
                  </Field>
                  <Field label={t('notices.published')}><Text size="sm">{n.publishedAt ? f.dateTime(n.publishedAt) : dash}</Text></Field>
                  <Field label={t('notices.validUntil')}><Text size="sm">{n.validUntil ? f.date(n.validUntil) : t('notices.noEnd')}</Text></Field>
                  <Field label={t('notices.handling')}>
                    <Stack gap={4}>
                      <Group gap={6} wrap="nowrap" align="flex-start"><HandlingBadge code={n.handlingCode} /><Text size="xs">{t(`messages.handlingHelp.${n.handlingCode}`)}</Text></Group>
                      <Group gap={6} wrap="nowrap" align="flex-start"><TlpChip tlp={n.tlp} /><Text size="xs">{t(`messages.tlpHelp.${n.tlp}`)}</Text></Group>
                    </Stack>
                  </Field>
                  {n.kind === 'diffusion' && (
                    <Field label={t('notices.addressees')}>
                      <Group gap={4} wrap="wrap">
                        {n.addressees.map((a) => <Badge key={a.id} variant="light" color="grape">{a.name}</Badge>)}
                      </Group>
                    </Field>
                  )}
                  {n.caseId && (
                    <Anchor component={Link} to={`/cases/${n.caseId}`} size="sm">
                      {t('notices.openCase')}
                    </Anchor>
                  )}
                  {n.hitCount !== null && <Field label={t('notices.confirmedHits')}><Text size="sm" fw={600}>{f.number(n.hitCount)}</Text></Field>}
                </Stack>
              </Card>
              <Card withBorder radius="md" padding="md">
                <Title order={2} mb="sm">
                  {t('notices.history')}
                </Title>
                <NoticeHistory events={n.history} />
              </Card>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
