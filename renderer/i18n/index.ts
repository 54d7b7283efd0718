import { createInstance, type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../session/store.ts';

type Namespace = Record<string, unknown>;

/**
 * Every `locales/<lang>/<namespace>.json`, found at build time: a domain adds a namespace by
 * adding files, never by editing this module.
 */
const files = import.meta.glob<Namespace>('./locales/*/*.json', { eager: true, import: 'default' });

export type LocaleFiles = Record<Locale, Record<string, Namespace>>;

/** The bundled translations, by language and namespace. */
export function localeFiles(): LocaleFiles {
  const out: LocaleFiles = { en: {}, es: {}, it: {} };
  for (const [path, content] of Object.entries(files)) {
    const m = /\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
    const lang = m?.[1];
    const ns = m?.[2];
    if (lang === undefined || ns === undefined || !isLocale(lang)) continue;
    out[lang][ns] = content;
  }
  return out;
}

export function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

export function namespaces(): string[] {
  return Object.keys(localeFiles().en).sort();
}

let ready: I18n | null = null;

/** Starts i18next once, in the given language; English fills any gap in the others. */
export function initI18n(locale: Locale): I18n {
  if (ready) return ready;
  const resources: Resource = localeFiles();
  // Resources are bundled, so init completes synchronously; the promise carries nothing to wait for.
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'en',
    ns: namespaces(),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  ready = instance;
  return instance;
}

/** Switches the UI language; formatting helpers read the same setting. */
export async function changeLocale(locale: Locale): Promise<void> {
  await ready?.changeLanguage(locale);
  document.documentElement.lang = locale;
}
