import type { Address } from '../../shared/schema/common.ts';
import en from '../i18n/locales/en/packing.json' with { type: 'json' };
import { OWN_FLEET_CARRIER } from '../packing/plan.ts';

/** A translate function for documents: the packing namespace's `t`, or English by default. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A translate function straight over one language's packing file, interpolating as i18next does. */
export function translatorFor(file: unknown): Translate {
  return (key, vars) => {
    let node: unknown = file;
    for (const part of key.split('.')) node = isRecord(node) ? node[part] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars?.[name] ?? ''));
  };
}

/** English straight from the bundled file, so documents can be built without i18next (tests, workers). */
export const englishT: Translate = translatorFor(en);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

export function addressLines(a: Address): string[] {
  const cityLine = [a.postalCode, a.city, a.region].filter((s) => s !== undefined && s !== '').join(' ');
  return [a.name, a.line1, a.line2 ?? '', cityLine, a.country].filter((s) => s !== '');
}

/** Shipping methods with words of their own in every language; others are shown as they are. */
const SERVICES = new Set(['standard', 'express', 'next_day']);

/** "Packline own fleet / Next day": the carrier and service in words, for labels and the order page. */
export function carrierService(t: Translate, carrier: string, service: string): string {
  const who = carrier === OWN_FLEET_CARRIER ? t('carrier.ownFleet') : carrier;
  return `${who} / ${SERVICES.has(service) ? t(`carrier.service.${service}`) : service}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
