import { NativeSelect } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES, isLocale, type PMe } from '../../../common';
import { api } from '../api/client';
import { ME_KEY } from '../api/session';
import { LOCALE_NAMES, changeLocale, currentLocale } from '../i18n';
import { IconLanguage } from './icons';

/** The interface language, always at hand; remembered on this browser and, when signed in, on the account. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const qc = useQueryClient();

  const onChange = async (value: string) => {
    if (!isLocale(value)) return;
    await changeLocale(value);
    if (qc.getQueryData<PMe | null>(ME_KEY)) {
      try {
        await api.patch('/api/me', { locale: value });
        qc.setQueryData<PMe | null>(ME_KEY, (me) => (me ? { ...me, user: { ...me.user, locale: value } } : me));
      } catch {
        // The language still applies on this browser; the account keeps its former choice.
      }
    }
  };

  return (
    <NativeSelect
      name="language"
      aria-label={t('language.label')}
      title={t('language.label')}
      size="xs"
      w={{ base: 112, sm: 138 }}
      leftSection={<IconLanguage size={15} />}
      value={currentLocale()}
      onChange={(e) => void onChange(e.currentTarget.value)}
      data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
    />
  );
}
