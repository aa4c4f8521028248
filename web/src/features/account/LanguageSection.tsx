import { Radio, SimpleGrid } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES, isLocale, type PMe } from '../../../../common';
import { api } from '../../api/client';
import { ME_KEY } from '../../api/session';
import { LOCALE_NAMES, changeLocale, currentLocale } from '../../i18n';
import { Section } from './Section';

export function LanguageSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const onChange = async (value: string) => {
    if (!isLocale(value)) return;
    await changeLocale(value);
    await api.patch('/api/me', { locale: value });
    qc.setQueryData<PMe | null>(ME_KEY, (me) => (me ? { ...me, user: { ...me.user, locale: value } } : me));
  };
  return (
    <Section title={t('language.title')} description={t('language.intro')}>
      <Radio.Group value={currentLocale()} onChange={(v) => void onChange(v)} label={t('language.label')}>
        <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
          {LOCALES.map((l) => (
            <Radio key={l} value={l} label={LOCALE_NAMES[l]} />
          ))}
        </SimpleGrid>
      </Radio.Group>
    </Section>
  );
}
