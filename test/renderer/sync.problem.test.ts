import type { TFunction } from 'i18next';
import { namespaceT, type Lang } from '../support/i18n.ts';
import { describe, expect, it } from 'vitest';
import { SyncHttpError } from '../../renderer/sync/http.ts';
import { failure, failureOf } from '../../renderer/sync/problem.ts';
import { StatusBoard } from '../../renderer/sync/status.ts';
import { collectionLabel, problemText, refusalText } from '../../renderer/syncstatus/problem-text.ts';
import { REFUSAL_RULES } from '../../shared/sync/protocol.ts';

const syncT = (lang: Lang): Promise<TFunction<'sync'>> => namespaceT(lang, 'sync');

/** The problem the status board makes of a failure on a channel, as the screens get it. */
function onChannel(channel: string, why: ReturnType<typeof failure>) {
  const board = new StatusBoard();
  board.setRunning(true, ['orders']);
  if (channel.startsWith('stream ')) board.streamState(channel.slice('stream '.length), false, why);
  else board.failed(channel, why);
  const problem = board.value.problem;
  if (problem === null) throw new Error('no problem on the board');
  return problem;
}

describe('what a sync failure is', () => {
  it('tells no answer, a refused station, a server error and an unreadable answer apart', () => {
    expect(failureOf(new SyncHttpError('pull orders: cannot reach the server (Failed to fetch)', null, 'Failed to fetch'))).toMatchObject({ kind: 'unreachable', detail: 'Failed to fetch' });
    expect(failureOf(new SyncHttpError('push orders: 401 device token revoked', 401, 'device token revoked'))).toMatchObject({ kind: 'auth', status: 401, detail: 'device token revoked' });
    expect(failureOf(new SyncHttpError('push orders: 403 outside scope', 403, 'outside scope'))).toMatchObject({ kind: 'auth', status: 403 });
    expect(failureOf(new SyncHttpError('pull orders: 503 restarting', 503, 'restarting'))).toMatchObject({ kind: 'server', status: 503, detail: 'restarting' });
    expect(failureOf(new SyncHttpError("pull orders: the server's answer is not JSON", 200, '', true))).toMatchObject({ kind: 'bad-answer' });
  });

  it('tells a timeout only where the caller knows the abort was one, and anything else is the station’s own', () => {
    const timeout = new DOMException('signal timed out', 'TimeoutError');
    expect(failureOf(timeout, { prefix: 'pull orders', timeoutMs: 60_000 })).toEqual({ kind: 'timeout', message: 'pull orders: no answer from the server in 60 s', status: null, detail: '', seconds: 60 });
    expect(failureOf(new Error('QuotaExceededError: disk full'), { prefix: 'first sync of orders' })).toMatchObject({
      kind: 'local',
      message: 'first sync of orders: QuotaExceededError: disk full',
      detail: 'QuotaExceededError: disk full',
    });
  });

  it('keeps which work failed, from the channel', () => {
    expect(onChannel('push shipments', failure('server', 'x'))).toMatchObject({ action: 'push', collection: 'shipments' });
    expect(onChannel('stream orders', failure('stream-lost', 'x'))).toMatchObject({ action: 'stream', collection: 'orders' });
    expect(onChannel('start', failure('local', 'x'))).toMatchObject({ action: 'start', collection: null });
  });
});

describe('a sync failure in words', () => {
  const unreachable = onChannel('pull orders', failure('unreachable', 'pull orders: cannot reach the server (Failed to fetch)', { detail: 'Failed to fetch' }));
  const revoked = onChannel('stream orders', failure('auth', 'event stream: 401 device token revoked', { status: 401, detail: 'device token revoked' }));
  const timeout = onChannel('push movements', failure('timeout', 'push movements: no answer from the server in 60 s', { seconds: 60 }));
  const local = onChannel('start', failure('local', 'sync could not start: disk full', { detail: 'disk full' }));

  it('says it in English', async () => {
    const t = await syncT('en');
    expect(problemText(t, unreachable)).toBe('Downloading orders: cannot reach the server');
    expect(problemText(t, revoked)).toBe('Live updates: the server no longer accepts this station (device token revoked). Ask a manager.');
    expect(problemText(t, timeout)).toBe('Uploading stock movements: no answer from the server in 60 s');
    expect(problemText(t, local)).toBe('Starting sync: this station’s store failed (disk full)');
  });

  it('says it in Spanish and Italian, not in the technical English', async () => {
    const es = await syncT('es');
    expect(problemText(es, unreachable)).toBe('Descarga de pedidos: no se puede conectar con el servidor');
    expect(problemText(es, timeout)).toBe('Subida de movimientos de stock: el servidor no ha respondido en 60 s');
    const italian = await syncT('it');
    expect(problemText(italian, unreachable)).toBe('Scaricamento degli ordini: impossibile raggiungere il server');
    expect(problemText(italian, revoked)).toBe('Aggiornamenti in tempo reale: il server non accetta più questa postazione (device token revoked). Avvisa un responsabile.');
  });

  it('has words for every kind of failure in every language', async () => {
    const kinds = ['unreachable', 'timeout', 'auth', 'server', 'bad-answer', 'stream-lost', 'local'] as const;
    for (const lang of ['en', 'es', 'it'] as const) {
      const t = await syncT(lang);
      for (const kind of kinds) {
        const text = problemText(t, onChannel('pull orders', failure(kind, 'technical', { status: 500, detail: 'd', seconds: 9 })));
        // Not the key echoed back, nor the technical message.
        expect(text, `${lang} ${kind}`).not.toMatch(/problem\.|doing\.|inText\.|technical/);
      }
    }
  });
});

describe('a refused write in words', () => {
  it('says every refusal rule in every language, and something for a rule this app does not know', async () => {
    for (const lang of ['en', 'es', 'it'] as const) {
      const t = await syncT(lang);
      for (const rule of REFUSAL_RULES) expect(refusalText(t, rule), `${lang} ${rule}`).not.toMatch(/refusalRules\./);
      expect(refusalText(t, 'a_rule_from_a_newer_server')).toBe(t('refusalRules.other'));
    }
    expect(refusalText(await syncT('es'), 'clock_drift')).toBe('El reloj de este ordenador va por delante del reloj del servidor. Compruebe su fecha y hora.');
  });

  it('names the collection as the Sync page lists it', async () => {
    const t = await syncT('it');
    expect(collectionLabel(t, 'movements')).toBe('Movimenti di magazzino');
    expect(collectionLabel(t, 'invoices')).toBe('invoices');
  });
});
