import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, RTL_LOCALES, isLocale, type Locale } from '../../../common';
import ar from '../locales/ar.json';
import de from '../locales/de.json';
import en from '../locales/en.json';
import es from '../locales/es.json';
import fr from '../locales/fr.json';
import zh from '../locales/zh.json';

const STORAGE_KEY = 'tansiq.locale';

type Tree = Record<string, unknown>;

/**
 * A feature keeps its strings in web/src/locales/<feature>/<lang>.json (one folder per feature, so features grow
 * without touching one shared file); they sit under the key <feature> beside the shared files' keys.
 */
const featureFiles = import.meta.glob<Tree>('../locales/*/*.json', { eager: true, import: 'default' });

function withFeatures(locale: Locale, base: Tree): Tree {
  const out: Tree = { ...base };
  for (const [path, strings] of Object.entries(featureFiles)) {
    const m = /\/locales\/([^/]+)\/([a-z]{2})\.json$/.exec(path);
    if (!m || m[2] !== locale) continue;
    const feature = m[1]!;
    if (feature in out) throw new Error(`The strings of ${feature} are defined twice (${path} and the shared ${locale}.json).`);
    out[feature] = strings;
  }
  return out;
}

/** The language names as their speakers write them, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  ar: 'العربية',
  fr: 'Français',
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  zh: '中文',
};

function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** Switches the interface language, remembers it on this browser and mirrors the page for Arabic. */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice still applies to this page.
  }
  applyToDocument(locale);
  await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

const initial = storedLocale() ?? browserLocale() ?? DEFAULT_LOCALE;
applyToDocument(initial);

void i18n.use(initReactI18next).init({
  resources: {
    ar: { translation: withFeatures('ar', ar) },
    de: { translation: withFeatures('de', de) },
    en: { translation: withFeatures('en', en) },
    es: { translation: withFeatures('es', es) },
    fr: { translation: withFeatures('fr', fr) },
    zh: { translation: withFeatures('zh', zh) },
  },
  lng: initial,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
