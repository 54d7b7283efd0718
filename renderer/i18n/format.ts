import { useSessionStore, type Locale } from '../session/store.ts';

/** Each language's usual tag, where the site's country has no conventions of its own for it. */
const TAGS: Record<Locale, string> = { en: 'en-GB', es: 'es-ES', it: 'it-IT' };

const resolved = new Map<string, string | null>();

/**
 * The station's locale: its language as used in its site's country where that is the country's
 * own language (English in the US writes "Nov 22, 2026", Spanish in Mexico "$1,234.50"), else the
 * language's usual one. English at a Spanish site stays en-GB: CLDR's "English in Spain" mixes
 * Spanish digit grouping with English currency, "2.281" beside "€1,234.50" on one screen.
 */
export function localeTag(language: Locale, country?: string): string {
  if (country === undefined || !/^[A-Z]{2}$/.test(country)) return TAGS[language];
  const candidate = `${language}-${country}`;
  let known = resolved.get(candidate);
  if (known === undefined) {
    const native = new Intl.Locale(`und-${country}`).maximize().language === language;
    known = native && new Intl.DateTimeFormat(candidate).resolvedOptions().locale === candidate ? candidate : null;
    resolved.set(candidate, known);
  }
  return known ?? TAGS[language];
}

/** The station's locale tag now (its language, at its site's country): for what is written outside React, like labels. */
export function stationLocaleTag(): string {
  return tag();
}

function tag(locale?: Locale): string {
  const s = useSessionStore.getState();
  return localeTag(locale ?? s.locale, s.station?.siteCountry);
}

// Intl formatters are costly to make and cheap to reuse (a list formats a row per keystroke):
// one per locale and options, kept for the session.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, currency?: string): Intl.NumberFormat {
  const key = `n ${locale} ${currency ?? ''}`;
  const kept = formatters.get(key);
  if (kept instanceof Intl.NumberFormat) return kept;
  const made = new Intl.NumberFormat(locale, currency === undefined ? {} : { style: 'currency', currency });
  formatters.set(key, made);
  return made;
}

function dateFormat(locale: string, kind: 'day' | 'dateTime'): Intl.DateTimeFormat {
  const key = `d ${locale} ${kind}`;
  const kept = formatters.get(key);
  if (kept instanceof Intl.DateTimeFormat) return kept;
  const made = new Intl.DateTimeFormat(locale, kind === 'day' ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' });
  formatters.set(key, made);
  return made;
}

/** Amounts are stored in minor units (cents) to keep sums exact. */
export function formatMoney(minor: number, currency: string, locale?: Locale): string {
  const format = numberFormat(tag(locale), currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** A calendar day (YYYY-MM-DD, e.g. a ship-by date) in the locale, never shifted by time zone. */
export function formatDay(isoDate: string, locale?: Locale): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return dateFormat(tag(locale), 'day').format(d);
}

export function formatNumber(n: number, locale?: Locale): string {
  return numberFormat(tag(locale)).format(n);
}

/** Accepts ms since epoch or an ISO string; shows date and time in the station's locale. */
export function formatDateTime(when: number | string | Date, locale?: Locale): string {
  const d = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat(tag(locale), 'dateTime').format(d);
}
