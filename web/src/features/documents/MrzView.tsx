import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Mrz } from '../../../../common/mrz';

/**
 * The zone as read, in the machine's own font and direction (always left to right), with each checked field and its
 * check digit coloured: green when the digit agrees, red when it does not. Field checks win over the composite,
 * which covers them all; the composite colours only its own digit.
 */
export function MrzView({ mrz }: { mrz: Mrz }) {
  const { t } = useTranslation();
  const colour = mrz.lines.map((l) => Array<string | null>(l.length).fill(null));
  for (const c of [...mrz.checks].sort((a, b) => (a.field === 'composite' ? -1 : b.field === 'composite' ? 1 : 0))) {
    const col = c.valid ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-red-7)';
    const spans = c.field === 'composite' ? [c.digit] : [...c.spans, c.digit];
    for (const s of spans) for (let i = s.start; i < s.end; i++) colour[s.line]![i] = col;
  }
  return (
    <Stack gap="xs">
      <Box dir="ltr" style={{ fontFamily: 'ui-monospace, "OCR-B", "Courier New", monospace', fontSize: 15, lineHeight: 1.6, overflowX: 'auto', background: 'var(--mantine-color-gray-0)', padding: '8px 10px', borderRadius: 6, whiteSpace: 'pre' }} data-testid="mrz-lines">
        {mrz.lines.map((l, li) => (
          <div key={li}>
            {l.split('').map((ch, i) => (
              <span key={i} style={colour[li]![i] ? { color: colour[li]![i]!, fontWeight: 700 } : { color: 'var(--mantine-color-gray-6)' }}>{ch}</span>
            ))}
          </div>
        ))}
      </Box>
      <Group gap={6} wrap="wrap">
        <Badge variant="outline" color="gray">{mrz.format}</Badge>
        {mrz.checks.map((c) => (
          <Badge key={c.field} color={c.valid ? 'teal' : 'red'} variant={c.valid ? 'light' : 'filled'} data-testid={`check-${c.field}`} data-valid={c.valid}>
            {c.valid ? '✓' : '✗'} {t(`documents.field.${c.field}`)}
            {!c.valid && ` · ${t('documents.digitFoundExpected', { found: c.found, expected: c.expected })}`}
          </Badge>
        ))}
      </Group>
      {mrz.checks.filter((c) => !c.valid).map((c) => (
        <Text key={c.field} size="sm" c="red.8" fw={500} role="alert">
          {t('documents.badDigit', { field: t(`documents.field.${c.field}`), found: c.found, expected: c.expected })}
        </Text>
      ))}
      {mrz.warnings.map((w, i) => (
        <Text key={i} size="xs" c="orange.8">
          {t(`documents.warning.${w.code}`, { defaultValue: w.message })}
        </Text>
      ))}
    </Stack>
  );
}
