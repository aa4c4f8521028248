import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, RTL_LOCALES, isLocale, type Locale } from '../../../common';

const STORAGE_KEY = 'tansiq.locale';

type Tree = Record<string, unknown>;

/**
 * A feature keeps its strings in web/src/locales/<feature>/<lang>.json (one folder per feature, so features grow
 * without touching one shared file); they sit under the key <feature> beside the shared files' keys.
 * Only the languages in use are fetched: the build puts each language's files in one chunk of their own
 * (web/vite.config.ts), so an officer downloads their language and the English fallback, not all six.
 */
const sharedFiles = import.meta.glob<Tree>('../locales/*.json', { import: 'default' });
const featureFiles = import.meta.glob<Tree>('../locales/*/*.json', { import: 'default' });

async function loadStrings(locale: Locale): Promise<Tree> {
  const shared = sharedFiles[`../locales/${locale}.json`];
  if (!shared) throw new Error(`No interface strings for ${locale}.`);
  const out: Tree = { ...(await shared()) };
  await Promise.all(Object.entries(featureFiles).map(async ([path, load]) => {
    const m = /\/locales\/([^/]+)\/([a-z]{2})\.json$/.exec(path);
    if (!m || m[2] !== locale) return;
    const feature = m[1]!;
    if (feature in out) throw new Error(`The strings of ${feature} are defined twice (${path} and the shared ${locale}.json).`);
    out[feature] = await load();
  }));
  return out;
}

const loading = new Map<Locale, Promise<void>>();

/** Fetches a language's strings once (a failed fetch is tried again next time). */
function ensureLocale(locale: Locale): Promise<void> {
  let p = loading.get(locale);
  if (!p) {
    p = loadStrings(locale).then((strings) => {
      i18n.addResourceBundle(locale, 'translation', strings, true, true);
    });
    p.catch(() => loading.delete(locale));
    loading.set(locale, p);
  }
  return p;
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
  await ensureLocale(locale);
  applyToDocument(locale);
  await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

const initial = storedLocale() ?? browserLocale() ?? DEFAULT_LOCALE;
applyToDocument(initial);

/** Resolves when the interface strings of the starting language (and the English fallback) are in. */
export const i18nReady: Promise<void> = i18n
  .use(initReactI18next)
  .init({
    resources: {},
    partialBundledLanguages: true,
    lng: initial,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => Promise.all([ensureLocale(initial), ensureLocale(DEFAULT_LOCALE)]))
  .then(() => undefined);

export default i18n;
