import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance, type Namespace, type TFunction } from 'i18next';

const LOCALES = join(import.meta.dirname, '../../renderer/i18n/locales');

export type Lang = 'en' | 'es' | 'it';

/**
 * One namespace of the app's translations in one language, as the app bundles it, with no
 * fallback language: a sentence missing in Spanish or Italian shows as its key, not in English.
 */
export async function namespaceT<NS extends Namespace>(lang: Lang, ns: NS & string): Promise<TFunction<NS>> {
  const resources: unknown = JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8'));
  const i18n = createInstance();
  // oxlint-disable-next-line typescript/no-unsafe-type-assertion -- the namespace's JSON, as the app bundles it
  await i18n.init({ lng: lang, ns: [ns], defaultNS: ns, resources: { [lang]: { [ns]: resources as Record<string, unknown> } }, interpolation: { escapeValue: false } });
  return i18n.getFixedT<NS>(lang, ns);
}
