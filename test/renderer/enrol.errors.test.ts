import type { TFunction } from 'i18next';
import { namespaceT, type Lang } from '../support/i18n.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EnrolError, enrolStation, startDemo, type EnrolReason } from '../../renderer/enrol/api.ts';
import { enrolErrorText } from '../../renderer/enrol/enrol-error-text.ts';

const SERVER = 'http://127.0.0.1:9';

const stationT = (lang: Lang): Promise<TFunction<'station'>> => namespaceT(lang, 'station');

/** The server answering every request with `status` and the server's usual error body. */
function serverAnswers(status: number, message: string): void {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify({ statusCode: status, error: 'Error', message }), { status, headers: { 'content-type': 'application/json' } })));
}

async function reasonOf(call: () => Promise<unknown>): Promise<EnrolReason> {
  const err: unknown = await call().then(() => null, (e: unknown) => e);
  if (!(err instanceof EnrolError)) throw new Error(`expected an EnrolError, got ${String(err)}`);
  return err.reason;
}

/** A browser page's storage: a plain map, or one that is full. */
function pageStorage(full = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(k, v);
    },
  };
}

// The browser host: the page enrols itself and keeps the token in its storage.
beforeEach(() => {
  vi.stubGlobal('window', {});
  vi.stubGlobal('localStorage', pageStorage());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('why an enrolment failed', () => {
  it("tells the server's refusals of a code apart by status", async () => {
    const cases: [number, EnrolReason][] = [
      [400, 'bad-code'],
      [401, 'unknown-code'],
      [403, 'revoked'],
      [409, 'used-code'],
      [410, 'expired-code'],
      [429, 'too-many'],
      [500, 'server'],
    ];
    for (const [status, reason] of cases) {
      serverAnswers(status, 'the server says why');
      expect(await reasonOf(() => enrolStation(SERVER, 'ABCD-EFGH')), `status ${status}`).toBe(reason);
    }
  });

  it('tells a bad address, no network, a strange answer and a server without the demo apart', async () => {
    expect(await reasonOf(() => enrolStation('ftp://example.org', 'X'))).toBe('bad-url');
    expect(await reasonOf(() => enrolStation('not an address', 'X'))).toBe('bad-url');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await reasonOf(() => enrolStation(SERVER, 'X'))).toBe('unreachable');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"hello":1}', { status: 200 })));
    expect(await reasonOf(() => enrolStation(SERVER, 'X'))).toBe('bad-answer');
    serverAnswers(404, 'Route POST:/api/v1/demo/session not found');
    expect(await reasonOf(() => startDemo(SERVER, 'station', 'MAD'))).toBe('no-demo');
  });

  it('says it in the station’s language, with the server’s words only where ours say no more', async () => {
    serverAnswers(409, 'this enrolment code has already been used: ask a manager for a new one');
    const used = await enrolStation(SERVER, 'X').catch((e: unknown) => e);
    serverAnswers(500, 'database restarting');
    const other = await enrolStation(SERVER, 'X').catch((e: unknown) => e);

    expect(enrolErrorText(await stationT('en'), used, SERVER)).toBe('This enrolment code has already been used. Ask a manager for a new one.');
    expect(enrolErrorText(await stationT('es'), used, SERVER)).toBe('Este código de registro ya se ha usado. Pida uno nuevo a un responsable.');
    expect(enrolErrorText(await stationT('it'), used, SERVER)).toBe('Questo codice di registrazione è già stato usato. Chiedine uno nuovo a un responsabile.');
    expect(enrolErrorText(await stationT('it'), other, SERVER)).toBe('Il server ha rifiutato: database restarting');
    expect(enrolErrorText(await stationT('es'), new Error('boom'), SERVER)).toBe('Algo salió mal: boom');
  });

  it('keeps the token it was given, and says so in words when this computer cannot keep it', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify({ token: 'tok-12345678', deviceId: 'dev-1', siteId: 'site-1', name: 'Pack 4', siteCode: 'MAD', stationNo: 7 }), { status: 201 })));
    const station = await enrolStation(`${SERVER}/some/path`, 'ABCD-EFGH');
    expect(station).toEqual({ deviceId: 'dev-1', siteId: 'site-1', siteCode: 'MAD', stationName: 'Pack 4', serverUrl: SERVER, principal: 'device', stationNo: 7 });
    expect(localStorage.getItem('packline.token')).toBe('tok-12345678');

    vi.stubGlobal('localStorage', pageStorage(true));
    const full = await enrolStation(SERVER, 'ABCD-EFGH').catch((e: unknown) => e);
    expect(full).toBeInstanceOf(EnrolError);
    // What to do, without the browser's English.
    expect(enrolErrorText(await stationT('es'), full, SERVER)).toBe(
      'Este ordenador no pudo guardar los ajustes del puesto. Los detalles están en el registro del puesto; reinicie Packline e inténtelo de nuevo, o avise a su responsable.',
    );
    expect(enrolErrorText(await stationT('it'), new EnrolError('No keyring', null, 'host-keyring'), SERVER)).toContain('GNOME Keyring o KWallet');
  });
});
