import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Waker } from '../../renderer/sync/backoff.ts';
import type { SyncFailure } from '../../renderer/sync/problem.ts';
import { pokeHub, resyncsFor } from '../../renderer/sync/pokes.ts';
import { SseParser, resyncStream } from '../../renderer/sync/sse.ts';

const FAST = { initialMs: 10, maxMs: 50 };

describe('SseParser', () => {
  it('dispatches on blank lines whatever the line endings and wherever chunks split', () => {
    const text = 'data: {"c":"orders"}\r\n\r\n: heartbeat\n\nevent: poke\ndata: a\ndata: b\r\rdata:x\n\n';
    const whole = new SseParser().feed(text);
    expect(whole).toEqual([
      { event: 'message', data: '{"c":"orders"}', id: null },
      { event: 'poke', data: 'a\nb', id: null },
      { event: 'message', data: 'x', id: null },
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      expect([...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))]).toEqual(whole);
    }
  });

  it('ignores comments: a heartbeat alone is no event', () => {
    expect(new SseParser().feed(': ping\n\n:\n\n')).toEqual([]);
  });
});

type Conn = { req: IncomingMessage; res: ServerResponse };

function open(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.write(': hello\n\n');
}

/** Options of a poke hub for orders and movements at the test server `url` (…/stream). */
function hubOptions(url: string, states: string[] = []) {
  return {
    serverUrl: url.replace(/\/stream$/, ''),
    token: 't',
    fetch,
    names: ['orders', 'movements'] as const,
    backoff: FAST,
    idleTimeoutMs: undefined,
    waker: new Waker(),
    onState: (name: string, up: boolean) => states.push(`${name}:${up ? 'up' : 'down'}`),
  };
}

describe('resyncStream', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = undefined;
  });

  async function listen(handler: (c: Conn) => void): Promise<string> {
    server = createServer((req, res) => handler({ req, res }));
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('no TCP address');
    return `http://127.0.0.1:${addr.port}/stream`;
  }

  it('asks for a resync on connect and on every poke, not on heartbeats, and sends the token', async () => {
    const auth: (string | undefined)[] = [];
    const url = await listen(({ req, res }) => {
      auth.push(req.headers.authorization);
      open(res);
      res.write(': heartbeat\n\n');
      res.write('data: {"collection":"orders"}\n\n');
      res.write(': heartbeat\n\n');
      res.write('data: {"collection":"orders"}\n\n');
    });
    const events = await firstValueFrom(resyncStream({ url, token: 'tok', fetch, backoff: FAST }).pipe(take(3), toArray()));
    expect(events).toEqual(['RESYNC', 'RESYNC', 'RESYNC']);
    expect(auth).toEqual(['Bearer tok']);
  });

  it('reconnects after the server drops the stream and asks for a resync again', async () => {
    let connections = 0;
    const url = await listen(({ res }) => {
      connections += 1;
      open(res);
      // The first connection dies once open, as in a server restart.
      if (connections === 1) setTimeout(() => res.destroy(), 50);
    });
    const states: boolean[] = [];
    const events = await firstValueFrom(
      resyncStream({ url, token: 't', fetch, backoff: FAST, onState: (up) => states.push(up) }).pipe(take(2), toArray()),
    );
    expect(events).toEqual(['RESYNC', 'RESYNC']);
    expect(connections).toBe(2);
    expect(states.slice(0, 3)).toEqual([true, false, true]);
  });

  it("reports the server's refusal in words and keeps trying", async () => {
    let calls = 0;
    const url = await listen(({ res }) => {
      calls += 1;
      if (calls <= 2) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'device token revoked' }));
        return;
      }
      open(res);
    });
    const errors: (SyncFailure | null)[] = [];
    await firstValueFrom(resyncStream({ url, token: 't', fetch, backoff: FAST, onState: (_up, e) => errors.push(e) }).pipe(take(1)));
    // Told as a refusal of this station, with the server's reason, for the screens to say.
    expect(errors[0]).toEqual({ kind: 'auth', message: 'event stream: 401 device token revoked', status: 401, detail: 'device token revoked', seconds: null });
    expect(calls).toBe(3);
  });

  it('reconnects when the server goes silent past the idle timeout', async () => {
    let connections = 0;
    const url = await listen(({ res }) => {
      connections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
    });
    const events = await firstValueFrom(resyncStream({ url, token: 't', fetch, backoff: FAST, idleTimeoutMs: 100 }).pipe(take(2), toArray()));
    expect(events).toEqual(['RESYNC', 'RESYNC']);
    // A loaded machine may time out once more before the test unsubscribes: at least one reconnect.
    expect(connections).toBeGreaterThanOrEqual(2);
  });

  it('uses one combined stream when the server has it, and routes its pokes by collection', async () => {
    const paths: string[] = [];
    const url = await listen(({ req, res }) => {
      paths.push(req.url ?? '');
      open(res);
      res.write('data: {"collection":"movements"}\n\n');
      res.write('data: {"collection":"orders"}\n\n');
    });
    const hub = pokeHub(hubOptions(url));
    const [orders, movements] = await Promise.all([
      firstValueFrom(resyncsFor(hub, 'orders').pipe(take(2), toArray())),
      firstValueFrom(hub.pipe(take(3), toArray())),
    ]);
    expect(orders).toEqual(['RESYNC', 'RESYNC']);
    expect(movements).toEqual([null, 'movements', 'orders']);
    expect(paths).toEqual(['/api/v1/sync/stream?collections=orders%2Cmovements']);
  });

  it('falls back to a stream per collection when the server has no combined stream', async () => {
    const paths: string[] = [];
    const url = await listen(({ req, res }) => {
      paths.push(req.url ?? '');
      if (req.url?.startsWith('/api/v1/sync/stream')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Route not found' }));
        return;
      }
      open(res);
    });
    const states: string[] = [];
    const seen = await firstValueFrom(pokeHub(hubOptions(url, states)).pipe(take(2), toArray()));
    expect(seen.map(String).sort((a, b) => a.localeCompare(b))).toEqual(['movements', 'orders']);
    expect(paths.slice(1).sort((a, b) => a.localeCompare(b))).toEqual(['/api/v1/sync/movements/stream', '/api/v1/sync/orders/stream']);
    expect(states.sort((a, b) => a.localeCompare(b))).toEqual(['movements:up', 'orders:up']);
  });
});
