import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CLIENT_HEADER } from '../../shared/sync/protocol.ts';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, type TestServer } from '../support/server.ts';
import { openClient, useSyncServer } from './clients.ts';
import { actor, newOrder } from './orders.ts';

type Seen = { pulls: number; pushes: number; clientIds: Set<string> };

/** A fetch that counts a client's orders pulls and pushes and the client ids it sends. */
function counting(seen: Seen): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/sync/orders/pull')) seen.pulls += 1;
    if (url.includes('/sync/orders/push')) seen.pushes += 1;
    const id = new Headers(init?.headers).get(CLIENT_HEADER);
    if (id !== null) seen.clientIds.add(id);
    return fetch(input, init);
  };
}

describe.each(testBackends())('live replication (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  it("a station's write reaches the other station without the writer pulling its own write back", async () => {
    const { siteId } = await makeSite(server, 'LIVE1');
    const s1 = await enrolStation(server, siteId, 'live-1');
    const s2 = await enrolStation(server, siteId, 'live-2');
    const seenA: Seen = { pulls: 0, pushes: 0, clientIds: new Set() };
    const seenB: Seen = { pulls: 0, pushes: 0, clientIds: new Set() };
    const a = await openClient(server, s1.token, ['orders'], { fetch: counting(seenA) });
    const b = await openClient(server, s2.token, ['orders'], { fetch: counting(seenB) });
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
    // Every request and the event stream of one client carry the same client id.
    expect(seenA.clientIds.size).toBe(1);
    expect(seenB.clientIds.size).toBe(1);
    expect([...seenA.clientIds]).not.toEqual([...seenB.clientIds]);

    const who = actor(s1.deviceId, siteId);
    for (let i = 0; i < 3; i++) {
      const pullsA = seenA.pulls;
      const pullsB = seenB.pulls;
      const order = newOrder(who, siteId, i);
      const arrived = firstValueFrom(b.db.orders.$.pipe(filter((ev) => ev.documentId === order.id)));
      await a.db.orders.insert(order);
      await arrived;
      await a.sync.awaitInSync();
      // Time for a stray poke to come and be acted on.
      await new Promise((r) => setTimeout(r, 200));
      expect(seenB.pulls).toBeGreaterThan(pullsB);
      expect(seenA.pulls).toBe(pullsA);
    }
    expect(seenA.pushes).toBeGreaterThanOrEqual(3);

    // The other way round: A still hears of B's writes.
    const back = newOrder(actor(s2.deviceId, siteId), siteId, 99);
    const arrivedAtA = firstValueFrom(a.db.orders.$.pipe(filter((ev) => ev.documentId === back.id)));
    await b.db.orders.insert(back);
    await arrivedAtA;
    expect(await a.db.orders.count().exec()).toBe(4);
  });
});
