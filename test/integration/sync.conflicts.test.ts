import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared/schema/orders.ts';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, personToken, type TestServer } from '../support/server.ts';
import { localDocs, openClient, serverDocs, syncAll, useSyncServer } from './clients.ts';
import { actor, appendEvents, asOrder, eventBy, newOrder } from './orders.ts';

const codes = (o: Pick<Order, 'exceptions'>): string[] =>
  o.exceptions
    .filter((x) => !x.resolved)
    .map((x) => x.code)
    .sort((a, b) => a.localeCompare(b));

describe.each(testBackends())('conflicting offline edits (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  it('two stations that cancel and ship, and both pack the same line, offline, converge on one order with the clashes flagged', async () => {
    const { siteId } = await makeSite(server, 'CONF1');
    const s1 = await enrolStation(server, siteId, 'pack-1');
    const s2 = await enrolStation(server, siteId, 'pack-2');
    const a1 = actor(s1.deviceId, siteId);
    const a2 = actor(s2.deviceId, siteId);
    const c1 = await openClient(server, s1.token, ['orders']);
    const c2 = await openClient(server, s2.token, ['orders']);

    const order = newOrder(a1);
    await c1.db.orders.insert(order);
    await syncAll([c1, c2]);
    expect(await c2.db.orders.findOne(order.id).exec()).not.toBeNull();

    // The network goes down; each station carries on.
    await Promise.all([c1.sync.stop(), c2.sync.stop()]);
    await appendEvents(c1.db.orders, order.id, [eventBy(a1, { type: 'packed', lineId: 'L1', qty: 2 }), eventBy(a1, { type: 'cancelled', reason: 'customer called' })]);
    await appendEvents(c2.db.orders, order.id, [
      eventBy(a2, { type: 'packed', lineId: 'L1', qty: 2 }),
      eventBy(a2, { type: 'packed', lineId: 'L2', qty: 1 }),
      eventBy(a2, { type: 'shipped', shipmentId: 'ship-1', lines: [{ lineId: 'L1', qty: 2 }, { lineId: 'L2', qty: 1 }] }),
    ]);
    expect(c1.sync.status.pendingUploads).toBe(1);
    expect(c2.sync.status.pendingUploads).toBe(1);

    await Promise.all([c1.sync.start(), c2.sync.start()]);
    await syncAll([c1, c2]);

    const onServer = await serverDocs(server, server.adminToken, 'orders');
    expect(await localDocs(c1, 'orders')).toEqual(onServer);
    expect(await localDocs(c2, 'orders')).toEqual(onServer);
    const merged = asOrder(onServer.find((o) => o.id === order.id));
    expect(merged.events).toHaveLength(1 + 2 + 3);
    expect(codes(merged)).toEqual(['cancelled_and_shipped', 'packed_twice']);
    expect(merged.openExceptions).toBe(2);
    expect(c1.sync.status.pendingUploads).toBe(0);
    expect(c2.sync.status.pendingUploads).toBe(0);
  });

  it('a station packing offline an order a manager moved to another site is not refused: its events merge and the order is flagged wrong_site', async () => {
    const { siteId: siteA } = await makeSite(server, 'CONFA');
    const { siteId: siteB } = await makeSite(server, 'CONFB');
    const station = await enrolStation(server, siteA, 'pack-a');
    const managerToken = await personToken(server, 'manager', null);
    const packer = actor(station.deviceId, siteA);
    const boss = actor('manager-1', siteA);
    const st = await openClient(server, station.token, ['orders', 'refusals']);
    const mgr = await openClient(server, managerToken, ['orders', 'refusals']);

    const order = newOrder(packer);
    await st.db.orders.insert(order);
    await syncAll([st, mgr]);
    expect(await mgr.db.orders.findOne(order.id).exec()).not.toBeNull();

    await st.sync.stop();
    await appendEvents(mgr.db.orders, order.id, [eventBy(boss, { type: 'reassigned', toSiteId: siteB }, siteA)]);
    await mgr.sync.awaitInSync();
    await appendEvents(st.db.orders, order.id, [eventBy(packer, { type: 'packed', lineId: 'L1', qty: 2 })]);

    await st.sync.start();
    await syncAll([st, mgr]);

    const onServer = asOrder((await serverDocs(server, server.adminToken, 'orders')).find((o) => o.id === order.id));
    expect(onServer.siteId).toBe(siteB);
    expect(onServer.events.map((e) => e.type).sort((x, y) => x.localeCompare(y))).toEqual(['created', 'packed', 'reassigned']);
    expect(codes(onServer)).toEqual(['wrong_site']);
    expect(await localDocs(mgr, 'orders')).toEqual(await serverDocs(server, managerToken, 'orders'));
    // Nothing the station wrote was refused, and it has nothing left to send.
    expect(await serverDocs(server, managerToken, 'refusals')).toEqual([]);
    expect(st.sync.status.refusals).toBe(0);
    expect(st.sync.status.pendingUploads).toBe(0);
  });
});
