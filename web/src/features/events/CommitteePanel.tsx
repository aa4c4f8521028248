import { Anchor, Button, Card, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PCommitteeMember, PEvent } from '../../../../common';
import { IconPlus } from '../../components/icons';
import { ErrorAlert } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useAgencies } from '../agencies/api';
import { useCases } from '../cases/api';
import { useAddVenue, useLinkCase, useSeatAgency, useUnseatAgency } from './api';
import { useFieldErrors } from './fieldErrors';
import { RoleBadge } from './labels';

function SeatDialog({ event, onClose }: { event: PEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const seat = useSeatAgency(event.id);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [role, setRole] = useState<'member' | 'observer'>('member');
  const fields = useFieldErrors(seat.error);
  const seated = new Set(event.committee.map((c) => c.agency.id));
  return (
    <Modal opened onClose={onClose} title={t('events.committee.add')}>
      <Stack gap="sm">
        <ErrorAlert error={fields.rest ? seat.error : null} />
        <Select label={t('events.committee.agency')} data={(agencies.data ?? []).filter((a) => !seated.has(a.id) && a.type !== 'platform').map((a) => ({ value: a.id, label: a.name }))} value={agencyId} onChange={setAgencyId} searchable error={fields.of('agencyId')} comboboxProps={{ withinPortal: true }} />
        <Select label={t('events.committee.seat')} data={(['member', 'observer'] as const).map((r) => ({ value: r, label: t(`events.role.${r}`) }))} value={role} onChange={(v) => v && setRole(v as 'member' | 'observer')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('events.cancel')}</Button>
          <Button disabled={!agencyId} loading={seat.isPending} onClick={() => agencyId && seat.mutate({ agencyId, role }, { onSuccess: onClose })}>{t('events.committee.addSubmit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function VenueDialog({ event, onClose }: { event: PEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddVenue(event.id);
  const [v, setV] = useState({ name: '', city: '', country: event.hostCountries[0] ?? '', lat: '' as number | string, lon: '' as number | string, capacity: '' as number | string });
  const fields = useFieldErrors(add.error);
  const ready = v.name.trim().length >= 2 && v.city.trim() && /^[A-Za-z]{2}$/.test(v.country) && typeof v.lat === 'number' && typeof v.lon === 'number';
  return (
    <Modal opened onClose={onClose} title={t('events.venues.add')}>
      <Stack gap="sm">
        <ErrorAlert error={fields.rest ? add.error : null} />
        <TextInput label={t('events.venues.name')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={fields.of('name')} />
        <Group grow>
          <TextInput label={t('events.venues.city')} value={v.city} onChange={(e) => setV({ ...v, city: e.currentTarget.value })} error={fields.of('city')} />
          <TextInput label={t('events.venues.country')} value={v.country} maxLength={2} onChange={(e) => setV({ ...v, country: e.currentTarget.value.toUpperCase() })} error={fields.of('country')} />
        </Group>
        <Group grow>
          <NumberInput label={t('events.venues.lat')} value={v.lat} onChange={(x) => setV({ ...v, lat: x })} min={-90} max={90} decimalScale={5} error={fields.of('lat')} />
          <NumberInput label={t('events.venues.lon')} value={v.lon} onChange={(x) => setV({ ...v, lon: x })} min={-180} max={180} decimalScale={5} error={fields.of('lon')} />
        </Group>
        <NumberInput label={t('events.venues.capacity')} value={v.capacity} onChange={(x) => setV({ ...v, capacity: x })} min={0} max={1_000_000} thousandSeparator=" " />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('events.cancel')}</Button>
          <Button disabled={!ready} loading={add.isPending} onClick={() => add.mutate({ name: v.name.trim(), city: v.city.trim(), country: v.country, lat: Number(v.lat), lon: Number(v.lon), capacity: typeof v.capacity === 'number' ? v.capacity : null }, { onSuccess: onClose })}>{t('events.venues.addSubmit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Linking one of the user's cases to the event (its content stays behind the case's own rules). */
function LinkCase({ event }: { event: PEvent }) {
  const { t } = useTranslation();
  const cases = useCases({ status: 'open' });
  const link = useLinkCase(event.id);
  const [caseId, setCaseId] = useState<string | null>(null);
  const fields = useFieldErrors(link.error);
  const linked = new Set(event.cases.map((c) => c.caseId));
  return (
    <Group align="flex-end" mt="sm" wrap="nowrap">
      <Select
        style={{ flex: 1 }}
        label={t('events.cases.link')}
        placeholder={t('events.cases.choose')}
        data={(cases.data?.cases ?? []).filter((c) => !linked.has(c.id)).map((c) => ({ value: c.id, label: c.title }))}
        value={caseId}
        onChange={setCaseId}
        searchable
        error={fields.of('caseId') ?? (fields.rest ? t('events.fieldError.caseId') : undefined)}
        comboboxProps={{ withinPortal: true }}
      />
      <Button variant="light" disabled={!caseId} loading={link.isPending} onClick={() => caseId && link.mutate(caseId, { onSuccess: () => setCaseId(null) })}>{t('events.cases.linkSubmit')}</Button>
    </Group>
  );
}

/** Venues, the security committee and the linked cases. */
export function CommitteePanel({ event }: { event: PEvent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unseat = useUnseatAgency(event.id);
  const reseat = useSeatAgency(event.id);
  const [removing, setRemoving] = useState<PCommitteeMember | null>(null);
  const [seating, setSeating] = useState(false);
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder radius="md" padding="md" data-testid="committee">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">{t('events.committee.title')}</Title>
            {event.abilities.manageCommittee && <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setSeating(true)}>{t('events.committee.add')}</Button>}
          </Group>
          <ErrorAlert error={unseat.error ?? reseat.error} />
          <Stack gap="xs">
            {event.committee.map((c) => (
              <Group key={c.agency.id} justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text size="sm" fw={600}><bdi>{c.agency.name}</bdi></Text>
                  <Text size="xs" c="dimmed">{f.country(c.agency.country)}</Text>
                </Stack>
                <Group gap="xs" wrap="nowrap">
                  {c.abilities.change && c.role !== 'chair' ? (
                    <SegmentedControl
                      size="xs"
                      value={c.role}
                      disabled={reseat.isPending}
                      onChange={(v) => reseat.mutate({ agencyId: c.agency.id, role: v as 'member' | 'observer' })}
                      data={(['member', 'observer'] as const).map((r) => ({ value: r, label: t(`events.role.${r}`) }))}
                      aria-label={t('events.committee.seatOf', { agency: c.agency.name })}
                    />
                  ) : (
                    <RoleBadge role={c.role} />
                  )}
                  {c.abilities.remove && <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRemoving(c)} aria-label={t('events.committee.removeNamed', { agency: c.agency.name })}>{t('events.committee.remove')}</Button>}
                </Group>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="md" data-testid="linked-cases">
          <Title order={2} size="h4" mb="sm">{t('events.cases.title')}</Title>
          {event.cases.length === 0 ? (
            <Text size="sm" c="dimmed">{t('events.cases.none')}</Text>
          ) : (
            <Stack gap="xs">
              {event.cases.map((c) => (
                <Group key={c.caseId} justify="space-between">
                  {c.title ? <Anchor component={Link} to={`/cases/${c.caseId}`} size="sm"><bdi>{c.title}</bdi></Anchor> : <Text size="sm" c="dimmed">{t('events.cases.hidden')}</Text>}
                  <Text size="xs" c="dimmed"><bdi>{c.linkedBy.name}</bdi></Text>
                </Group>
              ))}
            </Stack>
          )}
          {event.abilities.linkCase && <LinkCase event={event} />}
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md" padding="md" data-testid="venues">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">{t('events.venues.title', { n: event.venues.length })}</Title>
          {event.abilities.manageVenues && <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>{t('events.venues.add')}</Button>}
        </Group>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('events.venues.name')}</Table.Th>
              <Table.Th>{t('events.venues.city')}</Table.Th>
              <Table.Th>{t('events.venues.country')}</Table.Th>
              <Table.Th>{t('events.venues.capacity')}</Table.Th>
              <Table.Th>{t('events.venues.coordinates')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {event.venues.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td><bdi>{v.name}</bdi></Table.Td>
                <Table.Td><bdi>{v.city}</bdi></Table.Td>
                <Table.Td>{f.country(v.country)}</Table.Td>
                <Table.Td>{v.capacity === null ? '—' : f.number(v.capacity)}</Table.Td>
                <Table.Td><Text size="xs" dir="ltr" ff="monospace">{v.lat.toFixed(4)}, {v.lon.toFixed(4)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {seating && <SeatDialog event={event} onClose={() => setSeating(false)} />}
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={t('events.committee.removeNamed', { agency: removing.agency.name })}>
          <Stack gap="sm">
            <Text size="sm">{t('events.committee.removeConfirm', { agency: removing.agency.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>{t('events.cancel')}</Button>
              <Button color="red" loading={unseat.isPending} onClick={() => unseat.mutate(removing.agency.id, { onSettled: () => setRemoving(null) })}>{t('events.committee.remove')}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {adding && <VenueDialog event={event} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
