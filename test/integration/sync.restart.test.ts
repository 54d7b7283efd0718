import { describe, expect, it } from 'vitest';
import type { FetchFn } from '../../renderer/sync/http.ts';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, personToken, type TestServer } from '../support/server.ts';
import { startReplication } from '../../renderer/sync/replication.ts';
import { deferred, eventually, localDocs, openClient, pullAll, serverDocs, TEST_BACKOFF, useSyncServer } from './clients.ts';
import { actor, appendEvents, eventBy, newOrder } from './orders.ts';

const ORDERS = 1200;

/**
 * A fetch that restarts the server once, right after the `after`-th request to `path`
 * completes: mid-sync, deterministically, whatever the machine's speed.
 */
function restartingFetch(server: TestServer, path: string, after: number): { fetch: FetchFn; restarted: () => Promise<void> } {
  let seen = 0;
  let restart: Promise<void> | null = null;
  const fetchFn: FetchFn = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(path)) {
      seen += 1;
      if (seen === after) restart = server.restart();
    }
    return res;
  };
  return {
    fetch: fetchFn,
    restarted: async () => {
      await eventually(`the server to be restarted after ${after} ${path} requests`, () => restart !== null);
      await restart;
    },
  };
}

/** What fetch does with the network down. */
const unreachable: FetchFn = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENETUNREACH' } }));

describe.each(testBackends())('server restart mid-sync (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  it('a push and a pull interrupted by a server restart complete with nothing lost or duplicated', async () => {
    const { siteId } = await makeSite(server, 'RST');
    const station = await enrolStation(server, siteId, 'pack-1');
    const who = actor(station.deviceId, siteId);

    const pushing = restartingFetch(server, '/orders/push', 3);
    const pusher = await openClient(server, station.token, ['orders'], { fetch: pushing.fetch, batchSize: { push: 50 } });
    const written = Array.from({ length: ORDERS }, (_, i) => newOrder(who, siteId, i));
    await pusher.db.orders.bulkInsert(written);
    await pushing.restarted();
    await pusher.sync.awaitInSync();
    expect(pusher.sync.status.pendingUploads).toBe(0);

    const onServer = await pullAll(server, server.adminToken, 'orders');
    expect(onServer).toHaveLength(ORDERS);
    expect(new Set(onServer.map((o) => o.id))).toEqual(new Set(written.map((o) => o.id)));
    // One row per order in the server's table: no retried batch wrote twice.
    const [rows] = await server.query<{ n: number; distinct_ids: number }>('select count(*)::int as n, count(distinct id)::int as distinct_ids from documents where collection = $1', ['orders']);
    expect(rows).toEqual({ n: ORDERS, distinct_ids: ORDERS });

    const pulling = restartingFetch(server, '/orders/pull', 4);
    const puller = await openClient(server, await personToken(server, 'manager', null), ['orders'], { fetch: pulling.fetch, batchSize: { pull: 100 } });
    await pulling.restarted();
    await puller.sync.awaitInSync();
    await eventually('the puller to have every order', async () => (await puller.db.orders.count().exec()) === ORDERS);
    const pulled = await puller.db.orders.find().exec();
    expect(new Set(pulled.map((o) => o.id))).toEqual(new Set(written.map((o) => o.id)));
    expect(puller.sync.status.error).toBeNull();
  });

  it('a station reopened offline still shows the changes an earlier session left unsent, and sends them once back online', async () => {
    const { siteId } = await makeSite(server, 'RSTB');
    const station = await enrolStation(server, siteId, 'pack-2');
    const who = actor(station.deviceId, siteId);
    const first = await openClient(server, station.token, ['orders']);
    const sent = [newOrder(who, siteId, 1), newOrder(who, siteId, 2)];
    await first.db.orders.bulkInsert(sent);
    await first.sync.awaitInSync();
    // Offline: two new orders and a packed line, then the app is closed.
    await first.sync.stop();
    const unsent = [newOrder(who, siteId, 3), newOrder(who, siteId, 4)];
    await first.db.orders.bulkInsert(unsent);
    await appendEvents(first.db.orders, sent[0]?.id ?? '', [eventBy(who, { type: 'packed', lineId: 'L1', qty: 1 })]);
    await first.sync.close();

    const offline = startReplication({ db: first.db, serverUrl: server.url, token: station.token, collections: ['orders'], fetch: unreachable, backoff: TEST_BACKOFF });
    await eventually('the reopened station to count its unsent changes', () => offline.status.pendingUploads === 3);
    await eventually('the reopened station to say why it cannot sync', () => offline.status.error !== null);
    expect(offline.status.online).toBe(false);
    expect(offline.status.error).toContain('cannot reach the server (ENETUNREACH)');
    expect(offline.status.problem).toMatchObject({ kind: 'unreachable', detail: 'ENETUNREACH' });
    await offline.close();

    const online = startReplication({ db: first.db, serverUrl: server.url, token: station.token, collections: ['orders'], backoff: TEST_BACKOFF });
    try {
      await online.awaitInSync();
      expect(online.status.pendingUploads).toBe(0);
      expect(online.status.error).toBeNull();
    } finally {
      await online.close();
    }
    expect(await serverDocs(server, station.token, 'orders')).toEqual(await localDocs(first, 'orders'));
    expect(await serverDocs(server, station.token, 'orders')).toHaveLength(4);
  });

  it('a request the server never answers is abandoned and retried', async () => {
    const { siteId } = await makeSite(server, 'RSTC');
    const station = await enrolStation(server, siteId, 'pack-3');
    const who = actor(station.deviceId, siteId);
    const order = newOrder(who, siteId, 1);
    const first = await openClient(server, station.token, ['orders']);
    await first.db.orders.insert(order);
    await first.sync.awaitInSync();
    let hung = 0;
    // The first push goes into a black hole, as over a connection that died half-open.
    const blackHole: FetchFn = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.includes('/orders/push') || hung > 0) return fetch(input, init);
      hung += 1;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }));
    };
    const client = await openClient(server, station.token, ['orders'], { fetch: blackHole, requestTimeoutMs: 300 });
    await client.db.orders.insert(newOrder(who, siteId, 2));
    await client.sync.awaitInSync();
    expect(hung).toBe(1);
    expect(client.sync.status.pendingUploads).toBe(0);
    expect(await serverDocs(server, station.token, 'orders')).toHaveLength(2);
  });

  it('a browser tab that does not lead leaves syncing to the one that does, until it leads', async () => {
    const { siteId } = await makeSite(server, 'RSTD');
    const station = await enrolStation(server, siteId, 'pack-4');
    const who = actor(station.deviceId, siteId);
    const store = await openClient(server, station.token, ['orders'], { autoStart: false });
    const leadership = deferred<boolean>();
    const requests: string[] = [];
    const counting: FetchFn = (input, init) => {
      requests.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return fetch(input, init);
    };
    const tab = { collections: store.db.collections, multiInstance: true, waitForLeadership: () => leadership.promise };
    const follower = startReplication({ db: tab, serverUrl: server.url, token: station.token, collections: ['orders'], fetch: counting, backoff: TEST_BACKOFF });
    // A tab that never leads can still be stopped.
    const never = startReplication({ db: { ...tab, waitForLeadership: () => new Promise<boolean>(() => {}) }, serverUrl: server.url, token: station.token, collections: ['orders'], fetch: counting });
    try {
      await never.close();
      await store.db.orders.insert(newOrder(who, siteId, 1));
      await eventually('the write to be counted as waiting', () => follower.status.pendingUploads === 1);
      expect(requests).toEqual([]);
      expect(follower.status.online).toBe(false);
      leadership.resolve(true);
      await follower.awaitInSync();
      expect(follower.status.pendingUploads).toBe(0);
      expect(await serverDocs(server, station.token, 'orders')).toHaveLength(1);
    } finally {
      await follower.close();
    }
  });
});
