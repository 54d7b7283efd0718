import { useSessionStore, type Locale } from '../session/store.ts';

/** BCP 47 tags for the station's languages: numbers and dates follow the language chosen. */
const TAGS: Record<Locale, string> = { en: 'en-GB', es: 'es-ES', it: 'it-IT' };

function tag(locale?: Locale): string {
  return TAGS[locale ?? useSessionStore.getState().locale];
}

/** Amounts are stored in minor units (cents) to keep sums exact. */
export function formatMoney(minor: number, currency: string, locale?: Locale): string {
  const digits = new Intl.NumberFormat(tag(locale), { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency }).format(minor / 10 ** digits);
}

export function formatNumber(n: number, locale?: Locale): string {
  return new Intl.NumberFormat(tag(locale)).format(n);
}

/** Accepts ms since epoch or an ISO string; shows date and time in the station's locale. */
export function formatDateTime(when: number | string | Date, locale?: Locale): string {
  const d = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
