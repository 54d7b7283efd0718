import type { TFunction } from 'i18next';
import { namespaceT, type Lang } from '../support/i18n.ts';
import { describe, expect, it } from 'vitest';
import { BRIDGE_ERROR_CODES } from '../../shared/bridge/result.ts';
import { bridgeErrorText } from '../../renderer/host/bridge-error-text.ts';

const commonT = (lang: Lang): Promise<TFunction<'common'>> => namespaceT(lang, 'common');

describe('a desktop host failure in words', () => {
  it.each(['en', 'es', 'it'] as const)('gives every bridge error code its own sentence in %s', async (lang) => {
    const t = await commonT(lang);
    const said = BRIDGE_ERROR_CODES.map((code) => bridgeErrorText(t, code));
    for (const sentence of said) expect(sentence).toMatch(/^\p{Lu}.*[.?]$/u);
    expect(new Set(said).size).toBe(BRIDGE_ERROR_CODES.length);
  });

  it('says the station’s language, and a code it does not know as an internal failure', async () => {
    const [en, es, it_] = await Promise.all([commonT('en'), commonT('es'), commonT('it')]);
    expect(bridgeErrorText(en, 'unavailable')).toBe('The desktop app did not answer. Restart Packline; if it happens again, tell your lead.');
    expect(bridgeErrorText(es, 'encryption-unavailable')).toBe(
      'Este ordenador no tiene un almacén seguro para la clave del puesto (el llavero del sistema). Pida a quien se ocupa de este ordenador que lo configure.',
    );
    expect(bridgeErrorText(it_, 'printer-timeout')).toBe('La stampante non ha risposto in tempo. È accesa?');
    expect(bridgeErrorText(en, 'no-such-code')).toBe(bridgeErrorText(en, 'internal'));
  });
});
