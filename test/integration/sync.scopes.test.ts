import { describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, personToken, type TestServer } from '../support/server.ts';
import { eventually, localDocs, openClient, pullAll, serverDocs, syncAll, useSyncServer } from './clients.ts';
import { newId } from '../../shared/ids.ts';
import { buildProduct } from '../shared/builders.ts';
import { actor, newMovement, newOrder } from './orders.ts';

const sorted = (xs: readonly unknown[]): string[] => xs.map(String).sort((a, b) => a.localeCompare(b));
const ids = (docs: readonly Record<string, unknown>[]): string[] => sorted(docs.map((d) => d.id));

describe.each(testBackends())('sync scopes (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  it("a station neither pulls nor pushes another site's documents (the push is refused, visibly), and a manager sees all", async () => {
    const { siteId: siteA } = await makeSite(server, 'SCPA');
    const { siteId: siteB } = await makeSite(server, 'SCPB');
    const stA = await enrolStation(server, siteA, 'pack-a');
    const stB = await enrolStation(server, siteB, 'pack-b');
    const managerToken = await personToken(server, 'manager', null);
    const whoA = actor(stA.deviceId, siteA);
    const whoB = actor(stB.deviceId, siteB);
    const cols = ['orders', 'movements', 'refusals'] as const;
    const a = await openClient(server, stA.token, cols);
    const b = await openClient(server, stB.token, cols);
    const mgr = await openClient(server, managerToken, cols);

    const orderA = newOrder(whoA);
    const orderB = newOrder(whoB);
    await a.db.orders.insert(orderA);
    await a.db.movements.insert(newMovement(whoA, { kind: 'receipt', quantity: 5 }));
    await b.db.orders.insert(orderB);
    await b.db.movements.insert(newMovement(whoB, { kind: 'receipt', quantity: 7 }));
    // Station A writes an order of site B: not its to write.
    const intruder = newOrder(whoA, siteB);
    await a.db.orders.insert(intruder);
    await syncAll([a, b, mgr]);

    // Station A pulled nothing of site B's and the server kept nothing of its intrusion.
    expect(ids(await serverDocs(server, stA.token, 'orders'))).toEqual([orderA.id]);
    expect((await serverDocs(server, stA.token, 'movements')).map((m) => m.siteId)).toEqual([siteA]);
    expect(ids(await serverDocs(server, managerToken, 'orders'))).toEqual(ids([orderA, orderB]));
    expect(ids(await localDocs(b, 'orders'))).toEqual([orderB.id]);
    expect((await localDocs(b, 'movements')).map((m) => m.siteId)).toEqual([siteB]);

    // The refusal comes back to station A, in words, with the document it refused.
    await eventually('the refusal to reach station A', () => a.sync.status.refusals === 1);
    const [refusal] = (await a.db.refusals.find().exec()).map((d) => d.toMutableJSON());
    expect(refusal?.documentId).toBe(intruder.id);
    expect(refusal?.collectionName).toBe('orders');
    expect(refusal?.rule).toBe('scope');
    expect(JSON.parse(refusal?.document ?? '{}')).toMatchObject({ id: intruder.id, siteId: siteB });
    expect(await localDocs(b, 'refusals')).toEqual([]);
    expect(a.sync.status.pendingUploads).toBe(0);

    // The manager sees every site's orders, movements and the refusal.
    expect(await localDocs(mgr, 'orders')).toEqual(await serverDocs(server, managerToken, 'orders'));
    expect(sorted((await localDocs(mgr, 'movements')).map((m) => m.siteId))).toEqual(sorted([siteA, siteB]));
    expect(ids(await localDocs(mgr, 'refusals'))).toEqual(ids(await pullAll(server, managerToken, 'refusals')));
    expect(mgr.sync.status.refusals).toBe(1);
  });

  it('a client whose token the server does not accept says why and stays offline', async () => {
    const client = await openClient(server, 'not-a-token-the-server-issued', ['orders']);
    await eventually('the refusal to show in the status', () => client.sync.status.error !== null);
    expect(client.sync.status.error).toMatch(/^(pull|push|event stream)[^:]*: 401 \S/);
    // The screens say it as this station no longer being accepted.
    expect(client.sync.status.problem?.kind).toBe('auth');
    expect(client.sync.status.online).toBe(false);
  });

  it("a station's change the server refuses is undone on the station, and refused once, not again and again", async () => {
    const { siteId } = await makeSite(server, 'SCPC');
    const st = await enrolStation(server, siteId, 'pack-c');
    const managerToken = await personToken(server, 'manager', null);
    const who = actor(st.deviceId, siteId);
    const mgr = await openClient(server, managerToken, ['products']);
    const product = buildProduct({ id: newId(), hlc: actor('manager-1', siteId).clock.tick() });
    await mgr.db.products.insert(product);
    await mgr.sync.awaitInSync();

    const station = await openClient(server, st.token, ['products', 'movements', 'refusals']);
    const movement = newMovement(who, { kind: 'receipt', quantity: 5, reason: 'delivery 1' });
    await station.db.movements.insert(movement);
    await syncAll([station]);
    // Reference data and the ledger are not the station's to change.
    await (await station.db.products.findOne(product.id).exec())?.incrementalPatch({ name: 'Renamed at the station', hlc: who.clock.tick() });
    await (await station.db.movements.findOne(movement.id).exec())?.incrementalPatch({ quantity: 50 });
    await syncAll([station]);

    await eventually('both refusals to reach the station', () => station.sync.status.refusals === 2);
    expect(await localDocs(station, 'products')).toEqual(await serverDocs(server, st.token, 'products'));
    expect(await localDocs(station, 'movements')).toEqual(await serverDocs(server, st.token, 'movements'));
    expect((await station.db.movements.findOne(movement.id).exec())?.quantity).toBe(5);
    expect(sorted((await localDocs(station, 'refusals')).map((r) => r.rule))).toEqual(['movement_immutable', 'role']);
    expect(station.sync.status.pendingUploads).toBe(0);
    await syncAll([station]);
    const mine = (await serverDocs(server, managerToken, 'refusals')).filter((r) => r.documentId === product.id || r.documentId === movement.id);
    expect(mine).toHaveLength(2);
  });
});
