import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PExplanationItem } from '../../../../common';
import { useFormat } from '../../i18n/format';

/** Isolates a value from the surrounding text's direction (a Latin name inside an Arabic sentence, and back). */
export const isolate = (v: unknown) => `\u2068${String(v)}\u2069`;

const VIA_COLOR: Record<string, string> = { exact: 'teal', spelling: 'blue', phonetic: 'grape', translit: 'indigo', article: 'gray' };

/** A score's explanation, rendered from its codes in the reader's language (the server sends codes, never prose). */
export function Explanation({ items }: { items: PExplanationItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = (v: unknown) => `${f.number(Math.round(Number(v) * 100))}%`;
  const signed = (v: unknown) => `${Number(v) >= 0 ? '+' : '−'}${f.number(Math.round(Math.abs(Number(v)) * 100))}`;
  const country = (v: unknown) => (Array.isArray(v) ? f.list(v.map((c) => f.country(String(c)))) : f.country(String(v)));
  return (
    <List size="sm" spacing={4} listStyleType="none" ps={0}>
      {items.map((e, i) => {
        const p = e as Record<string, unknown>;
        let text: string;
        switch (e.code) {
          case 'name_compared':
            text = t('screening.explain.name_compared', { query: isolate(p.query), candidate: isolate(p.candidate), type: t(`screening.nameType.${String(p.nameType)}`), score: pct(p.nameScore) });
            break;
          case 'token_match':
            return (
              <List.Item key={i}>
                <Group gap={6} wrap="wrap">
                  <Text size="sm" span dir="auto" fw={500}>{String(p.query)}</Text>
                  <Text size="sm" span c="dimmed">↔</Text>
                  <Text size="sm" span dir="auto" fw={500}>{String(p.candidate)}</Text>
                  <Badge size="xs" variant="light" color={VIA_COLOR[String(p.via)] ?? 'gray'}>{t(`screening.via.${String(p.via)}`)}</Badge>
                  <Text size="xs" span c="dimmed">{pct(p.sim)}</Text>
                </Group>
              </List.Item>
            );
          case 'token_unmatched':
            text = t(p.side === 'query' ? 'screening.explain.token_unmatched_query' : 'screening.explain.token_unmatched_candidate', { token: isolate(p.token) });
            break;
          case 'weak_alias':
            text = t('screening.explain.weak_alias', { delta: signed(-Number(p.penalty)) });
            break;
          case 'birth_date_exact':
            text = t('screening.explain.birth_date_exact', { date: isolate(p.date), delta: signed(p.delta) });
            break;
          case 'birth_date_year':
            text = t('screening.explain.birth_date_year', { year: isolate(p.year), delta: signed(p.delta) });
            break;
          case 'birth_date_near':
            text = t('screening.explain.birth_date_near', { query: isolate(p.query), candidate: isolate(p.candidate), delta: signed(p.delta) });
            break;
          case 'birth_date_mismatch':
            text = t('screening.explain.birth_date_mismatch', { query: isolate(p.query), candidate: isolate(p.candidate), delta: signed(p.delta) });
            break;
          case 'nationality_match':
            text = t('screening.explain.nationality_match', { country: isolate(country(p.country)), delta: signed(p.delta) });
            break;
          case 'nationality_mismatch':
            text = t('screening.explain.nationality_mismatch', { query: isolate(country(p.query)), candidate: isolate(country(p.candidate)), delta: signed(p.delta) });
            break;
          case 'gender_mismatch':
            text = t('screening.explain.gender_mismatch', { delta: signed(p.delta) });
            break;
          case 'document_match':
            text = t('screening.explain.document_match', { number: isolate(p.number), floor: pct(p.floor) });
            break;
          case 'document_mismatch':
            text = t('screening.explain.document_mismatch', { delta: signed(p.delta) });
            break;
          default:
            text = t('screening.explain.other', { code: e.code });
        }
        return (
          <List.Item key={i}>
            <Text size="sm">{text}</Text>
          </List.Item>
        );
      })}
    </List>
  );
}
