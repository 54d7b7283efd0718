import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_CONTEXT, storedProgress } from '../../renderer/sync/bootstrap.ts';
import type { FetchFn } from '../../renderer/sync/http.ts';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, type TestServer } from '../support/server.ts';
import { deferred, eventually, localDocs, openClient, serverDocs, syncAll, useSyncServer } from './clients.ts';
import { actor, appendEvents, asOrder, eventBy, newMovement, newOrder, type Actor } from './orders.ts';

const ORDERS = 230;
const PAGE = 100;

/** What a station's fetch sent and got: pull requests (counted, and in order), pulled documents and pushed rows per collection. */
type Traffic = {
  pulls: (name: string) => number;
  pullOrder: () => string[];
  pulledDocs: (name: string) => number;
  pushedRows: (name: string) => number;
  /** Documents the server answered pushes with (conflicts: the station must take the server's state). */
  answeredRows: (name: string) => number;
  reset(): void;
};

/**
 * The station's fetch, counting its requests, and holding the `holdAt`-th orders pull until
 * `release()` (a first sync caught between two pages).
 */
function watchedFetch(holdAt = Number.POSITIVE_INFINITY): { fetch: FetchFn; traffic: Traffic; held: Promise<void>; release: () => void } {
  const pulls = new Map<string, number>();
  const pullOrder: string[] = [];
  const pulledDocs = new Map<string, number>();
  const answered = new Map<string, number>();
  const pushed = new Map<string, number>();
  let ordersPulls = 0;
  const gate = deferred<void>();
  const held = deferred<void>();
  const fetchFn: FetchFn = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const m = /\/sync\/([a-z]+)\/(pull|push)$/.exec(url.pathname);
    if (m?.[1] !== undefined && m[2] === 'pull') {
      pulls.set(m[1], (pulls.get(m[1]) ?? 0) + 1);
      pullOrder.push(m[1]);
      if (m[1] === 'orders' && ++ordersPulls === holdAt) {
        held.resolve();
        await gate.promise;
      }
    }
    if (m?.[1] !== undefined && m[2] === 'push' && typeof init?.body === 'string') {
      const rows: unknown = JSON.parse(init.body);
      pushed.set(m[1], (pushed.get(m[1]) ?? 0) + (Array.isArray(rows) ? rows.length : 0));
    }
    const res = await fetch(input, init);
    if (m?.[1] !== undefined && m[2] === 'pull' && res.ok) {
      const body: { documents?: unknown[] } = await res.clone().json();
      pulledDocs.set(m[1], (pulledDocs.get(m[1]) ?? 0) + (body.documents?.length ?? 0));
    }
    if (m?.[1] !== undefined && m[2] === 'push' && res.ok) {
      const body: unknown = await res.clone().json();
      answered.set(m[1], (answered.get(m[1]) ?? 0) + (Array.isArray(body) ? body.length : 0));
    }
    return res;
  };
  return {
    fetch: fetchFn,
    held: held.promise,
    release: () => gate.resolve(),
    traffic: {
      pulls: (name) => pulls.get(name) ?? 0,
      pullOrder: () => [...pullOrder],
      pulledDocs: (name) => pulledDocs.get(name) ?? 0,
      answeredRows: (name) => answered.get(name) ?? 0,
      pushedRows: (name) => pushed.get(name) ?? 0,
      reset: () => {
        pulls.clear();
        pullOrder.length = 0;
        pulledDocs.clear();
        answered.clear();
        pushed.clear();
      },
    },
  };
}

describe.each(testBackends())('first sync of a fresh station (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  /** A site whose orders another station has already pushed to the server. */
  async function siteWithOrders(code: string): Promise<{ siteId: string; writer: Awaited<ReturnType<typeof openClient<'orders'>>>; writerWho: Actor; orderIds: string[] }> {
    const { siteId } = await makeSite(server, code);
    const st = await enrolStation(server, siteId, `${code}-writer`);
    const writerWho = actor(st.deviceId, siteId);
    const writer = await openClient(server, st.token, ['orders']);
    const orders = Array.from({ length: ORDERS }, (_, i) => newOrder(writerWho, siteId, i));
    await writer.db.orders.bulkInsert(orders);
    await writer.sync.awaitInSync();
    return { siteId, writer, writerWho, orderIds: orders.map((o) => o.id) };
  }

  it('fills the store from the server, sends nothing back, and then follows changes both ways', async () => {
    const { siteId, writer, writerWho, orderIds } = await siteWithOrders('FS1');
    const st = await enrolStation(server, siteId, 'FS1-new');
    const who = actor(st.deviceId, siteId);
    const watched = watchedFetch();
    const station = await openClient(server, st.token, ['orders', 'refusals'], { fetch: watched.fetch, batchSize: { pull: PAGE } });
    await station.sync.awaitInSync();

    expect(await localDocs(station, 'orders')).toEqual(await serverDocs(server, st.token, 'orders'));
    expect(await station.db.orders.count().exec()).toBe(ORDERS);
    // Three pages, then the replication's own pulls from where the first sync ended: nothing twice.
    expect(watched.traffic.pulledDocs('orders')).toBe(ORDERS);
    expect(watched.traffic.pushedRows('orders')).toBe(0);
    expect(station.sync.status.pendingUploads).toBe(0);

    // A change on the server to an order the first sync wrote reaches the station.
    const [first, second, third] = orderIds;
    if (first === undefined || second === undefined || third === undefined) throw new Error('no orders');
    await appendEvents(writer.db.orders, first, [eventBy(writerWho, { type: 'note', text: 'from the writer' })]);
    await writer.sync.awaitInSync();
    await eventually('the writer’s note to reach the station', async () =>
      asOrder((await localDocs(station, 'orders')).find((o) => o.id === first)).events.some((e) => e.type === 'note'),
    );

    // The station's change to an order the first sync wrote reaches the server and the writer,
    // in one push row: the server takes it as the union it is and has nothing to answer.
    const pushedBefore = watched.traffic.pushedRows('orders');
    const answeredBefore = watched.traffic.answeredRows('orders');
    await appendEvents(station.db.orders, second, [eventBy(who, { type: 'note', text: 'from the station' })]);
    await syncAll([station, writer]);
    expect(watched.traffic.pushedRows('orders') - pushedBefore).toBe(1);
    expect(watched.traffic.answeredRows('orders') - answeredBefore).toBe(0);
    expect(station.sync.status.pendingUploads).toBe(0);
    expect(asOrder((await localDocs(writer, 'orders')).find((o) => o.id === second)).events.map((e) => e.type)).toContain('note');
    expect(await localDocs(station, 'orders')).toEqual(await serverDocs(server, st.token, 'orders'));

    // A change the server refuses (an event naming another station) is refused once and undone.
    await appendEvents(station.db.orders, third, [eventBy(writerWho, { type: 'note', text: 'forged' })]);
    await syncAll([station]);
    await eventually('the refusal to reach the station', () => station.sync.status.refusals === 1);
    await syncAll([station]);
    expect(station.sync.status.refusals).toBe(1);
    expect((await station.db.refusals.find().exec()).map((r) => r.rule)).toEqual(['actor']);
    expect(await localDocs(station, 'orders')).toEqual(await serverDocs(server, st.token, 'orders'));
    expect(station.sync.status.pendingUploads).toBe(0);
  });

  it('keeps and pushes an order written on the station while its first sync runs, and ends with the latest of an order changed meanwhile', async () => {
    const { siteId, writer, writerWho, orderIds } = await siteWithOrders('FS2');
    const st = await enrolStation(server, siteId, 'FS2-new');
    const who = actor(st.deviceId, siteId);
    const watched = watchedFetch(2);
    const station = await openClient(server, st.token, ['orders'], { fetch: watched.fetch, batchSize: { pull: PAGE } });
    await watched.held;
    // Between the first and the second page: the station writes an order, and an order the
    // first page carried changes on the server (so a later page carries it again).
    const local = newOrder(who, siteId, 999);
    await station.db.orders.insert(local);
    const changed = orderIds[0];
    if (changed === undefined) throw new Error('no orders');
    await eventually('the first page to be written', async () => (await station.db.orders.findOne(changed).exec()) !== null);
    await appendEvents(writer.db.orders, changed, [eventBy(writerWho, { type: 'note', text: 'changed during the first sync' })]);
    await writer.sync.awaitInSync();
    watched.release();
    await syncAll([station]);

    expect(station.sync.status.pendingUploads).toBe(0);
    const onServer = await serverDocs(server, st.token, 'orders');
    expect(onServer.map((o) => o.id)).toContain(local.id);
    expect(await localDocs(station, 'orders')).toEqual(onServer);
    expect(asOrder((await localDocs(station, 'orders')).find((o) => o.id === changed)).events.map((e) => e.type)).toContain('note');
    // Only the station's own order went up, none of what it pulled.
    expect(watched.traffic.pushedRows('orders')).toBe(1);
  });

  it('fills the orders first: the pack queue is whole before the other collections start', async () => {
    const { siteId, writer } = await siteWithOrders('FS7');
    const stock = await enrolStation(server, siteId, 'FS7-stock');
    const movements = await openClient(server, stock.token, ['movements']);
    const stockWho = actor(stock.deviceId, siteId);
    await movements.db.movements.bulkInsert(Array.from({ length: 40 }, () => newMovement(stockWho)));
    await syncAll([writer, movements]);
    const st = await enrolStation(server, siteId, 'FS7-new');
    const watched = watchedFetch(2);
    const station = await openClient(server, st.token, ['orders', 'movements'], { fetch: watched.fetch, batchSize: { pull: PAGE } });
    // How the pulled movements were written: by the first sync, not RxDB's slower downstream.
    const contexts = new Set<string>();
    const writes = station.db.movements.storageInstance.changeStream().subscribe((bulk) => {
      if (bulk.events.some((e) => e.documentId !== own.id)) contexts.add(bulk.context);
    });
    const own = newMovement(actor(st.deviceId, siteId));
    const movementPhases: string[] = [];
    const downloaded: number[] = [];
    const phases = station.sync.collections$.subscribe((m) => {
      const phase = m.get('movements')?.phase;
      if (phase !== undefined && movementPhases.at(-1) !== phase) movementPhases.push(phase);
      const count = m.get('movements')?.downloaded;
      if (count != null && downloaded.at(-1) !== count) downloaded.push(count);
    });
    // What the Sync page says meanwhile: orders downloading, movements waiting their turn.
    await watched.held;
    expect(station.sync.collections.get('orders')?.phase).toBe('first-sync');
    expect(station.sync.collections.get('movements')?.phase).toBe('waiting');
    // A movement written on the station while it waits: its first sync still runs, and the
    // movement goes up.
    await station.db.movements.insert(own);
    watched.release();
    await station.sync.awaitInSync();
    phases.unsubscribe();
    writes.unsubscribe();
    expect(movementPhases).toEqual(['waiting', 'first-sync', 'catching-up', 'live']);
    // The Sync page's count while the movements download: none yet, then the page written.
    expect(downloaded).toEqual([0, 40]);
    expect([...contexts]).toEqual([BOOTSTRAP_CONTEXT]);
    expect((await serverDocs(server, st.token, 'movements')).map((m) => m.id)).toContain(own.id);
    expect(watched.traffic.pushedRows('movements')).toBe(1);
    await eventually('every collection to be live', () => [...station.sync.collections.values()].every((c) => c.phase === 'live'));
    expect(station.sync.collections.get('orders')).toMatchObject({ pending: 0, error: null });
    expect(station.sync.collections.get('orders')?.lastPullAt).not.toBeNull();

    // 230 orders in pages of 100: three orders pulls, then the movements' first sync.
    const order = watched.traffic.pullOrder();
    expect(order.slice(0, 3)).toEqual(['orders', 'orders', 'orders']);
    expect(order.indexOf('movements')).toBe(3);
    expect(await station.db.orders.count().exec()).toBe(ORDERS);
    expect(await station.db.movements.count().exec()).toBe(41);
  });

  it('a first sync cut short resumes where it stopped, and pushes what the station changed meanwhile but nothing it pulled', async () => {
    const { siteId, orderIds } = await siteWithOrders('FS3');
    const st = await enrolStation(server, siteId, 'FS3-new');
    const who = actor(st.deviceId, siteId);
    const watched = watchedFetch(2);
    const station = await openClient(server, st.token, ['orders'], { fetch: watched.fetch, batchSize: { pull: PAGE } });
    await watched.held;
    await eventually('the first page to be written', async () => (await station.db.orders.count().exec()) === PAGE);
    const stopped = station.sync.stop();
    watched.release();
    await stopped;

    // While stopped (offline, or the app closed): a new order, and an event on a pulled one.
    const local = newOrder(who, siteId, 999);
    await station.db.orders.insert(local);
    const pulled = (await station.db.orders.find().exec()).map((d) => d.id).find((id) => orderIds.includes(id));
    if (pulled === undefined) throw new Error('no pulled order');
    await appendEvents(station.db.orders, pulled, [eventBy(who, { type: 'note', text: 'while the first sync was cut short' })]);
    watched.traffic.reset();

    await station.sync.start();
    await station.sync.awaitInSync();
    expect(await localDocs(station, 'orders')).toEqual(await serverDocs(server, st.token, 'orders'));
    expect(await station.db.orders.count().exec()).toBe(ORDERS + 1);
    // The first page is not pulled again (a later pull may bring back the two orders this
    // station pushed, now newer on the server); only the two changes go up.
    expect(watched.traffic.pulledDocs('orders')).toBeGreaterThanOrEqual(ORDERS - PAGE);
    expect(watched.traffic.pulledDocs('orders')).toBeLessThanOrEqual(ORDERS - PAGE + 2);
    expect(watched.traffic.pushedRows('orders')).toBeGreaterThanOrEqual(2);
    const onServer = await serverDocs(server, st.token, 'orders');
    expect(onServer.map((o) => o.id)).toContain(local.id);
    expect(asOrder(onServer.find((o) => o.id === pulled)).events.map((e) => e.type)).toContain('note');
    expect(station.sync.status.pendingUploads).toBe(0);
    expect(station.sync.status.error).toBeNull();
  });

  it('a station restarted after its first sync resumes from where it ended', async () => {
    const { siteId } = await siteWithOrders('FS4');
    const st = await enrolStation(server, siteId, 'FS4-new');
    const watched = watchedFetch();
    const kept = new Map<string, string>();
    const progressStorage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v), removeItem: (k: string) => void kept.delete(k) };
    const station = await openClient(server, st.token, ['orders'], { fetch: watched.fetch, batchSize: { pull: PAGE }, progressStorage });
    await station.sync.awaitInSync();
    // The first sync's progress record goes once the replication has taken over.
    await eventually('the first sync’s progress record to go', () => kept.size === 0);
    await station.sync.stop();
    watched.traffic.reset();

    await station.sync.start();
    await station.sync.awaitInSync();
    // A pull from the stored checkpoint (and one more if the event stream's connection pokes)
    // finds nothing new; nothing is pushed.
    expect(watched.traffic.pulls('orders')).toBeLessThanOrEqual(2);
    expect(watched.traffic.pushedRows('orders')).toBe(0);
    expect(await station.db.orders.count().exec()).toBe(ORDERS);
  });

  it('a station stopped the moment its sync has started after a first sync stops cleanly', async () => {
    // RxDB's upstream stores the checkpoint it starts from before it watches for cancellation:
    // a stop in between left an unhandled error (Vitest fails the run on one).
    const { siteId } = await siteWithOrders('FS6');
    const st = await enrolStation(server, siteId, 'FS6-new');
    const station = await openClient(server, st.token, ['orders', 'refusals'], { autoStart: false, batchSize: { pull: PAGE } });
    for (let i = 0; i < 3; i++) {
      await station.sync.start();
      await station.sync.stop();
    }
    await station.sync.start();
    await station.sync.awaitInSync();
    expect(await station.db.orders.count().exec()).toBe(ORDERS);
    expect(station.sync.status.error).toBeNull();
  });

  it('fills the same store as the replication alone would', async () => {
    const { siteId } = await siteWithOrders('FS5');
    const st = await enrolStation(server, siteId, 'FS5-new');
    const fast = await openClient(server, st.token, ['orders'], { batchSize: { pull: PAGE } });
    const plain = await openClient(server, st.token, ['orders'], { batchSize: { pull: PAGE }, firstSync: false });
    await syncAll([fast, plain]);
    expect(await localDocs(fast, 'orders')).toEqual(await localDocs(plain, 'orders'));
    expect(await fast.db.orders.count().exec()).toBe(ORDERS);
  });
});

describe('first sync progress record', () => {
  it('reads back what it saved, and takes a record it cannot read as none', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v), removeItem: (k: string) => void kept.delete(k) };
    const progress = storedProgress(storage, 'k');
    expect(progress.load()).toBeNull();
    progress.save({ pull: { xid: '42', id: 'o-1' }, push: { id: 'o-1', lwt: 7 } });
    expect(progress.load()).toEqual({ pull: { xid: '42', id: 'o-1' }, push: { id: 'o-1', lwt: 7 } });
    for (const bad of ['{', 'null', '{"pull":null}', '{"pull":{"xid":42,"id":"o"}}', '[]']) {
      kept.set('k', bad);
      expect({ bad, loaded: progress.load() }).toEqual({ bad, loaded: null });
    }
    progress.clear();
    expect(kept.has('k')).toBe(false);
  });
});
