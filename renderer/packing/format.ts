import { useSessionStore } from '../session/store.ts';

const TAGS = { en: 'en-GB', es: 'es-ES', it: 'it-IT' } as const;

/** A calendar date (YYYY-MM-DD, no time zone) in the station's language, e.g. "1 Jul 2025". */
export function formatDate(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(TAGS[useSessionStore.getState().locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
