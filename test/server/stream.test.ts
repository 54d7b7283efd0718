import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { buildApp } from '../../server/app.ts';
import { api, enrolStation, makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';
import { CLIENT_HEADER } from '../../shared/sync/protocol.ts';
import { movement, order, push, row, type Author } from './helpers.ts';

type Stream = { events: string[]; comments: number; ended: Promise<void>; next(timeoutMs: number): Promise<string | null>; close(): void };

/** Reads an SSE stream with fetch, as the clients do (a header carries the token). */
async function openStream(
  server: TestServer,
  collection: string,
  token: string,
  path = `/api/v1/sync/${collection}/stream`,
  headers: Record<string, string> = {},
): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const body = res.body;
  if (body === null) throw new Error('no body');
  const stream: Stream = { events: [], comments: 0, ended: Promise.resolve(), next: async () => null, close: () => abort.abort() };
  const waiter: { wake?: () => void } = {};
  let read = 0;
  stream.ended = (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          for (const line of buf.slice(0, i).split('\n')) {
            if (line.startsWith('data: ')) stream.events.push(line.slice(6));
            else if (line.startsWith(':')) stream.comments += 1;
          }
          buf = buf.slice(i + 2);
          waiter.wake?.();
        }
      }
    } catch {
      // aborted
    }
    waiter.wake?.();
  })();
  stream.next = async (timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (read >= stream.events.length && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        waiter.wake = resolve;
        setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
    }
    return read < stream.events.length ? (stream.events[read++] ?? null) : null;
  };
  return stream;
}

/** Another server process over the same PostgreSQL database (its streams, its token cache). */
function secondProcess(server: TestServer): ReturnType<typeof buildApp> {
  return buildApp({
    host: '127.0.0.1', port: 0, databaseUrl: server.databaseUrl, dataDir: '', adminToken: server.adminToken, adminTokenIsDemo: false,
    seed: 'none', logLevel: 'silent', bodyLimit: 1024 * 1024, rateLimit: 1_000_000, enrolRateLimit: 1_000_000,
  });
}

describe.each(testBackends())('SSE stream on %s', (backend) => {
  let server: TestServer;
  let stationA: string;
  let stationB: string;
  /** What station A writes: its device at site A. */
  let byA: Author;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const siteA = (await makeSite(server, 'SA')).siteId;
    const siteB = (await makeSite(server, 'SB')).siteId;
    const a = await enrolStation(server, siteA);
    stationA = a.token;
    byA = { siteId: siteA, deviceId: a.deviceId };
    stationB = (await enrolStation(server, siteB)).token;
  });
  afterAll(() => server.stop());

  it('needs a token, a known collection and read access', async () => {
    expect((await api(server, 'GET', '/api/v1/sync/orders/stream')).status).toBe(401);
    expect((await api(server, 'GET', '/api/v1/sync/orders/stream?token=x')).status).toBe(401);
    expect((await api(server, 'GET', '/api/v1/sync/nope/stream', { token: stationA })).status).toBe(404);
    expect((await api(server, 'GET', '/api/v1/sync/customers/stream', { token: stationA })).status).toBe(403);
  });

  it('pokes on connect, after a push to its collection within a second, and only the sites concerned', async () => {
    const a = await openStream(server, 'orders', stationA);
    const b = await openStream(server, 'orders', stationB);
    const moves = await openStream(server, 'movements', stationA);
    try {
      expect(await a.next(1000)).toBe('{"collection":"orders"}');
      expect(await b.next(1000)).toBe('{"collection":"orders"}');
      expect(await moves.next(1000)).toBe('{"collection":"movements"}');
      const started = Date.now();
      await push(server, stationA, 'orders', [row(order(byA))]);
      expect(await a.next(1000)).toBe('{"collection":"orders"}');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await b.next(300)).toBeNull();
      expect(await moves.next(50)).toBeNull();
      // A repeated push writes nothing and pokes nobody.
      const m = movement(byA);
      await push(server, stationA, 'movements', [row(m)]);
      expect(await moves.next(1000)).toBe('{"collection":"movements"}');
      await push(server, stationA, 'movements', [row(m)]);
      expect(await moves.next(300)).toBeNull();
    } finally {
      a.close();
      b.close();
      moves.close();
    }
  });

  it('serves several collections on one stream, each poke naming its collection', async () => {
    expect((await api(server, 'GET', '/api/v1/sync/stream', { token: stationA })).status).toBe(400);
    expect((await api(server, 'GET', '/api/v1/sync/stream?collections=orders,nope', { token: stationA })).status).toBe(404);
    expect((await api(server, 'GET', '/api/v1/sync/stream?collections=orders,customers', { token: stationA })).status).toBe(403);
    const s = await openStream(server, '', stationA, '/api/v1/sync/stream?collections=orders,movements');
    const other = await openStream(server, '', stationB, '/api/v1/sync/stream?collections=orders,movements');
    try {
      // On connect: one poke naming no collection, i.e. pull them all.
      expect(await s.next(1000)).toBe('{}');
      expect(await other.next(1000)).toBe('{}');
      await push(server, stationA, 'movements', [row(movement(byA))]);
      expect(await s.next(1000)).toBe('{"collection":"movements"}');
      await push(server, stationA, 'orders', [row(order(byA))]);
      expect(await s.next(1000)).toBe('{"collection":"orders"}');
      // Site B's station hears nothing of site A's writes.
      expect(await other.next(300)).toBeNull();
    } finally {
      s.close();
      other.close();
    }
  });

  it("does not poke a client for its own write, but does for another client's and for its refusals", async () => {
    const me = { [CLIENT_HEADER]: 'client-me-0001' };
    const path = '/api/v1/sync/stream?collections=orders,refusals';
    const mine = await openStream(server, '', stationA, path, me);
    const peer = await openStream(server, '', stationA, path, { [CLIENT_HEADER]: 'client-peer-001' });
    try {
      expect(await mine.next(1000)).toBe('{}');
      expect(await peer.next(1000)).toBe('{}');
      expect((await api(server, 'POST', '/api/v1/sync/orders/push', { token: stationA, body: [row(order(byA))], headers: me })).status).toBe(200);
      expect(await peer.next(1000)).toBe('{"collection":"orders"}');
      expect(await mine.next(300)).toBeNull();
      // A write by another client (no header: an older client) pokes it as before.
      await push(server, stationA, 'orders', [row(order(byA))]);
      expect(await mine.next(1000)).toBe('{"collection":"orders"}');
      expect(await peer.next(1000)).toBe('{"collection":"orders"}');
      // Its refused write: the refusal is news to it.
      const refused = await api(server, 'POST', '/api/v1/sync/orders/push', { token: stationA, body: [row({ ...order(byA), number: 42 })], headers: me });
      expect(refused.status).toBe(200);
      expect(await mine.next(1000)).toBe('{"collection":"refusals"}');
    } finally {
      mine.close();
      peer.close();
    }
  });

  it("cannot mute another station's stream by sending its client id", async () => {
    const id = { [CLIENT_HEADER]: 'client-shared-01' };
    const path = '/api/v1/sync/stream?collections=orders';
    const site = byA.siteId;
    const other = await enrolStation(server, site, 'Pack 2');
    const watching = await openStream(server, '', stationA, path, id);
    try {
      expect(await watching.next(1000)).toBe('{}');
      const by = { siteId: site, deviceId: other.deviceId };
      expect((await api(server, 'POST', '/api/v1/sync/orders/push', { token: other.token, body: [row(order(by))], headers: id })).status).toBe(200);
      expect(await watching.next(1000)).toBe('{"collection":"orders"}');
    } finally {
      watching.close();
    }
  });

  it('answers a malformed client header with a 400 that says what it must be', async () => {
    const bad = { [CLIENT_HEADER]: 'no spaces allowed' };
    const pushed = await api(server, 'POST', '/api/v1/sync/orders/push', { token: stationA, body: [row(order(byA))], headers: bad });
    expect(pushed.status).toBe(400);
    expect(JSON.stringify(pushed.body)).toContain(CLIENT_HEADER);
    expect((await api(server, 'GET', '/api/v1/sync/orders/stream', { token: stationA, headers: bad })).status).toBe(400);
  });

  // PostgreSQL only: PGlite has one connection, so no other transaction can be open meanwhile.
  it.runIf(backend === 'postgres')('holds a poke back until the write is visible to pulls', async () => {
    const s = await openStream(server, 'movements', stationA);
    const other = new Client({ connectionString: server.databaseUrl ?? '' });
    await other.connect();
    try {
      expect(await s.next(1000)).not.toBeNull();
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      await push(server, stationA, 'movements', [row(movement(byA))]);
      expect(await s.next(400)).toBeNull();
      await other.query('COMMIT');
      expect(await s.next(1000)).toBe('{"collection":"movements"}');
    } finally {
      s.close();
      await other.end();
    }
  });

  // PostgreSQL only: a PGlite directory belongs to one process, which pokes its clients itself (no LISTEN/NOTIFY).
  it.runIf(backend === 'postgres')('pokes the clients of another server process, also after its LISTEN connection was lost', async () => {
    const second = await secondProcess(server);
    try {
      const url = await second.app.listen({ host: '127.0.0.1', port: 0 });
      const s = await openStream({ ...server, url }, 'orders', stationA);
      try {
        expect(await s.next(1000)).toBe('{"collection":"orders"}');
        await push(server, stationA, 'orders', [row(order(byA))]);
        expect(await s.next(1000)).toBe('{"collection":"orders"}');

        // Kill the LISTEN connections: the process reconnects and pokes everyone, as it may have missed a change.
        await server.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
        expect(await s.next(3000)).toBe('{"collection":"orders"}');
        await push(server, stationA, 'orders', [row(order(byA))]);
        expect(await s.next(1000)).toBe('{"collection":"orders"}');
      } finally {
        s.close();
      }
    } finally {
      await second.close();
    }
  });

  it("ends a revoked station's open streams at once, and refuses its new ones", async () => {
    const { siteId } = await makeSite(server, 'SREV');
    const doomed = await enrolStation(server, siteId, 'lost');
    const manager = await personToken(server, 'manager', siteId);
    const single = await openStream(server, 'orders', doomed.token);
    const several = await openStream(server, 'orders', doomed.token, '/api/v1/sync/stream?collections=orders,movements');
    expect(await single.next(1000)).not.toBeNull();
    const started = Date.now();
    const res = await api(server, 'DELETE', `/api/v1/devices/${doomed.deviceId}`, { token: manager });
    expect(res.status).toBe(200);
    await Promise.all([single.ended, several.ended]);
    expect(Date.now() - started).toBeLessThan(2000);
    const again = await fetch(`${server.url}/api/v1/sync/orders/stream`, { headers: { authorization: `Bearer ${doomed.token}` } });
    expect(again.status).toBe(401);
  });

  // PostgreSQL only: a PGlite directory belongs to one process (no other process to tell).
  it.runIf(backend === 'postgres')("ends a revoked station's streams held by another server process", async () => {
    const second = await secondProcess(server);
    try {
      const url = await second.app.listen({ host: '127.0.0.1', port: 0 });
      const { siteId } = await makeSite(server, 'SREV2');
      const doomed = await enrolStation(server, siteId, 'lost');
      const manager = await personToken(server, 'manager', siteId);
      // The other process has seen (and cached) the token before the revocation.
      const s = await openStream({ ...server, url }, 'orders', doomed.token);
      expect(await s.next(1000)).not.toBeNull();
      const res = await api(server, 'DELETE', `/api/v1/devices/${doomed.deviceId}`, { token: manager });
      expect(res.status).toBe(200);
      await s.ended;
      const again = await fetch(`${url}/api/v1/sync/orders/stream`, { headers: { authorization: `Bearer ${doomed.token}` } });
      expect(again.status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('ends open streams on shutdown and serves new ones after a restart', async () => {
    const s = await openStream(server, 'orders', stationA);
    expect(await s.next(1000)).not.toBeNull();
    const started = Date.now();
    const restarting = server.restart();
    await s.ended;
    // The stream ends as the shutdown begins: it never waits for clients to hang up.
    expect(Date.now() - started).toBeLessThan(2000);
    await restarting;
    const again = await openStream(server, 'orders', stationA);
    try {
      expect(await again.next(1000)).toBe('{"collection":"orders"}');
      await push(server, stationA, 'orders', [row(order(byA))]);
      expect(await again.next(1000)).toBe('{"collection":"orders"}');
    } finally {
      again.close();
    }
  });
});
