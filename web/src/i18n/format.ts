import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Date and number formatting in the interface language, only through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dayShort = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
    const languages = new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' });
    const list = new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' });
    const safeName = (names: Intl.DisplayNames, code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
    const valid = (v: string | number | Date | null | undefined): v is string | number | Date =>
      v !== null && v !== undefined && !Number.isNaN(new Date(v).getTime());
    return {
      dateTime: (v: string | number | Date | null | undefined) => (valid(v) ? dateTime.format(new Date(v)) : '—'),
      date: (v: string | number | Date | null | undefined) => (valid(v) ? date.format(new Date(v)) : '—'),
      dayShort: (v: string | number | Date) => dayShort.format(new Date(v)),
      number: (v: number) => number.format(v),
      /** A country's name from its ISO 3166 code, in the interface language. */
      // Codes without a country (ZZ, XX, …) show as they are rather than as "Unknown region".
      country: (code: string) => {
        const name = safeName(regions, code);
        return name === safeName(regions, 'ZZ') ? code : name;
      },
      /** A list joined the way the interface language joins lists. */
      list: (items: string[]) => list.format(items),
      /** A language's name from its ISO 639 code, in the interface language. */
      language: (code: string) => safeName(languages, code),
      /** "3 hours ago", "in 2 days" — for recent events. */
      relative: (v: string | number | Date) => {
        const diff = (new Date(v).getTime() - Date.now()) / 1000;
        const abs = Math.abs(diff);
        if (abs < 60) return relative.format(Math.round(diff), 'second');
        if (abs < 3600) return relative.format(Math.round(diff / 60), 'minute');
        if (abs < 86400) return relative.format(Math.round(diff / 3600), 'hour');
        return relative.format(Math.round(diff / 86400), 'day');
      },
    };
  }, [locale]);
}
