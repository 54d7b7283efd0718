import type { TFunction } from 'i18next';
import { EnrolError } from './api.ts';

/**
 * An enrolment or demo failure in the station's language. The server's own words (English)
 * appear only where no sentence of ours says more: an unexpected refusal, a host failure.
 */
export function enrolErrorText(t: TFunction<'station'>, err: unknown, serverUrl: string): string {
  if (err instanceof EnrolError) return t(`enrolErrors.${err.reason}`, { server: serverUrl, detail: err.detail });
  return t('enrolErrors.unexpected', { detail: err instanceof Error ? err.message : String(err) });
}
