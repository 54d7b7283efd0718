import { describe, expect, it } from 'vitest';
import { PUSH_PARALLEL, PUSH_REQUEST_ROWS, pushRows, SyncHttpError, type HttpConfig } from '../../renderer/sync/http.ts';
import type { PushRow } from '../../shared/sync/protocol.ts';
import { actor, newOrder } from '../integration/orders.ts';

type Call = { rows: { newDocumentState: { id: string } }[]; aborted: () => boolean };

const who = actor('station-1', 'site-1');

/** `n` orders to push; the server answers every tenth (the 8th, 18th…) as a conflict. */
function rows(n: number): PushRow[] {
  return Array.from({ length: n }, (_, i) => ({ newDocumentState: { ...newOrder(who, 'site-1', i), _deleted: false } }));
}

const conflicting = new Set<string>();
const conflictsOf = (batch: readonly PushRow[]): string[] => batch.filter((_, i) => i % 10 === 7).map((r) => r.newDocumentState.id);

function isCallRows(v: unknown): v is Call['rows'] {
  return Array.isArray(v);
}

/**
 * A server in a fetch: each push request waits for `release(i)` (i: request number), then
 * answers the documents in `conflicting` as conflicts, or fails for the request numbers in `failing`.
 */
function fakeServer(failing: readonly number[] = []) {
  const calls: Call[] = [];
  const gates: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchFn: typeof fetch = async (_url, init) => {
    const parsed: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    if (!isCallRows(parsed)) throw new Error('not rows');
    const n = calls.length;
    const signal = init?.signal ?? undefined;
    calls.push({ rows: parsed, aborted: () => signal?.aborted === true });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        gates[n] = resolve;
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      });
    } finally {
      inFlight -= 1;
    }
    if (failing.includes(n)) return new Response(JSON.stringify({ statusCode: 503, error: 'Unavailable', message: 'database restarting' }), { status: 503 });
    const conflicts = parsed.filter((r) => conflicting.has(r.newDocumentState.id)).map((r) => r.newDocumentState);
    return new Response(JSON.stringify(conflicts), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const release = async (i: number): Promise<void> => {
    for (let tries = 0; gates[i] === undefined && tries < 200; tries++) await new Promise((r) => setTimeout(r, 1));
    gates[i]?.();
  };
  return { calls, fetchFn, release, maxInFlight: () => maxInFlight };
}

const cfg = (fetchFn: typeof fetch): HttpConfig => ({ serverUrl: 'http://server.test', token: 't', fetch: fetchFn });

describe('pushRows', () => {
  it('sends a small batch as one request', async () => {
    const server = fakeServer();
    const batch = rows(20);
    for (const id of conflictsOf(batch)) conflicting.add(id);
    const done = pushRows(cfg(server.fetchFn), 'orders', batch, new AbortController().signal);
    await server.release(0);
    const conflicts = await done;
    expect(server.calls).toHaveLength(1);
    expect(conflicts.map((d) => d.id)).toEqual(conflictsOf(batch));
  });

  it('splits a large batch into requests of PUSH_REQUEST_ROWS, a few at a time, and answers every conflict', async () => {
    const server = fakeServer();
    const total = PUSH_REQUEST_ROWS * 4 + 10;
    const batch = rows(total);
    for (const id of conflictsOf(batch)) conflicting.add(id);
    const done = pushRows(cfg(server.fetchFn), 'orders', batch, new AbortController().signal);
    // Released last to first: the answer does not depend on which request ends first.
    for (let i = 4; i >= 0; i--) void server.release(i);
    const conflicts = await done;
    expect(server.calls.map((c) => c.rows.length)).toEqual([PUSH_REQUEST_ROWS, PUSH_REQUEST_ROWS, PUSH_REQUEST_ROWS, PUSH_REQUEST_ROWS, 10]);
    const sent = server.calls.flatMap((c) => c.rows.map((r) => r.newDocumentState.id));
    expect(new Set(sent).size).toBe(total);
    expect(server.maxInFlight()).toBe(PUSH_PARALLEL);
    expect(conflicts.map((d) => d.id).sort()).toEqual(conflictsOf(batch).sort());
  });

  it('fails the whole batch with the server\'s reason when one request fails, and stops the others', async () => {
    const server = fakeServer([1]);
    const done = pushRows(cfg(server.fetchFn), 'orders', rows(PUSH_REQUEST_ROWS * 5), new AbortController().signal);
    const outcome = done.then(
      () => null,
      (err: unknown) => err,
    );
    await server.release(1);
    const err = await outcome;
    expect(err).toBeInstanceOf(SyncHttpError);
    expect(err instanceof SyncHttpError && err.message).toBe('push orders: 503 database restarting');
    // The requests in flight were aborted and no further request went out.
    expect(server.calls).toHaveLength(PUSH_PARALLEL);
    expect(server.calls.filter((_, i) => i !== 1).every((c) => c.aborted())).toBe(true);
  });
});
