import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';
import { event, newStation, order, product, pull, pullAll, push, row, type Station } from './helpers.ts';

const ids = (docs: { id: string }[]) => docs.map((d) => d.id).sort();

describe.each(testBackends())('scope on %s', (backend) => {
  let server: TestServer;
  let siteA: string;
  let siteB: string;
  let stationA: Station;
  let stationB: Station;
  let manager: string;
  let managerA: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    siteA = (await makeSite(server, 'SA')).siteId;
    siteB = (await makeSite(server, 'SB')).siteId;
    stationA = await newStation(server, siteA, 'A1');
    stationB = await newStation(server, siteB, 'B1');
    manager = await personToken(server, 'manager', null);
    managerA = await personToken(server, 'manager', siteA);
  });
  afterAll(() => server.stop());

  it('applies the scope inside the pull, before the limit', async () => {
    const a = Array.from({ length: 15 }, () => order(stationA));
    const b = Array.from({ length: 15 }, () => order(stationB));
    // Interleaved writes, so a filter after the limit would give short pages.
    for (let i = 0; i < 15; i++) {
      await push(server, stationA.token, 'orders', [row(a[i] ?? {})]);
      await push(server, stationB.token, 'orders', [row(b[i] ?? {})]);
    }
    const pulledA = await pullAll(server, stationA.token, 'orders', 4);
    expect(pulledA.pages).toEqual([4, 4, 4, 3]);
    expect(ids(pulledA.docs)).toEqual(ids(a));
    expect(ids((await pullAll(server, stationB.token, 'orders', 4)).docs)).toEqual(ids(b));
    expect(ids((await pullAll(server, managerA, 'orders', 4)).docs)).toEqual(ids(a));
    const all = await pullAll(server, manager, 'orders', 7);
    expect(ids(all.docs)).toEqual(ids([...a, ...b]));
  });

  it('shares reference data with every station and keeps office data from stations', async () => {
    const p = product('SCOPE-1');
    await push(server, manager, 'products', [row(p)]);
    for (const { token } of [stationA, stationB]) {
      expect((await pullAll(server, token, 'products')).docs.map((d) => d.id)).toContain(p.id);
      expect((await pullAll(server, token, 'sites')).docs).toHaveLength(2);
      const customers = await pull(server, token, 'customers', null, 10);
      expect(customers.status).toBe(403);
    }
  });

  it('refuses a push outside the station scope and never leaks the other site in the reply', async () => {
    const foreign = order(siteB);
    await push(server, stationA.token, 'orders', [row(foreign)]);
    expect(await server.query(`SELECT 1 FROM documents WHERE collection = 'orders' AND id = $1`, [foreign.id])).toEqual([]);

    const theirs = order(stationB);
    await push(server, stationB.token, 'orders', [row(theirs)]);
    // Station A claims B's order for itself, with a stale assumed state: a refusal, no conflict reply.
    const claim = { ...order(stationA, theirs.id), number: 'STOLEN' };
    const res = await push(server, stationA.token, 'orders', [row(claim, order(stationA, theirs.id))]);
    expect(res).toMatchObject({ status: 200, body: [] });
    const refusals = (await pullAll(server, stationA.token, 'refusals', 1000)).docs;
    expect(refusals.filter((r) => r.documentId === foreign.id || r.documentId === theirs.id).map((r) => r.rule)).toEqual(['scope', 'scope']);
    const [stored] = await server.query<{ number: string }>(`SELECT doc->>'number' AS number FROM documents WHERE collection = 'orders' AND id = $1`, [theirs.id]);
    expect(stored?.number).toBe(theirs.number);
    // The other site never sees A's refusals.
    expect((await pullAll(server, stationB.token, 'refusals', 1000)).docs.map((r) => r.documentId)).not.toContain(theirs.id);
  });

  it('checks the scope of what would be stored: an order whose events place it at another site is refused', async () => {
    // Station A's own events, but the last one moves the order to site B.
    const o = order(stationA);
    const disguised = { ...o, events: [...o.events, event(stationA, { type: 'reassigned', toSiteId: siteB })], siteId: siteA };
    await push(server, stationA.token, 'orders', [row(disguised)]);
    expect(await server.query(`SELECT 1 FROM documents WHERE collection = 'orders' AND id = $1`, [disguised.id])).toEqual([]);
    const refusals = (await pullAll(server, stationA.token, 'refusals', 1000)).docs.filter((r) => r.documentId === disguised.id);
    expect(refusals.map((r) => r.rule)).toEqual(['scope']);
  });

  it('evicts a reassigned order from the old site and merges that site offline work, flagging the clash', async () => {
    const o = order(stationA);
    await push(server, stationA.token, 'orders', [row(o)]);
    const { checkpoint: cpA } = await pullAll(server, stationA.token, 'orders', 1000);
    const { checkpoint: cpB } = await pullAll(server, stationB.token, 'orders', 1000);

    const moved = { ...o, events: [...o.events, event(siteA, { type: 'reassigned', toSiteId: siteB })] };
    const reply = await push(server, manager, 'orders', [row(moved, o)]);
    expect(reply.body[0]).toMatchObject({ id: o.id, siteId: siteB });

    const evicted = (await pullAll(server, stationA.token, 'orders', 1000, cpA)).docs;
    expect(evicted).toEqual([expect.objectContaining({ id: o.id, _deleted: true })]);
    const arrived = (await pullAll(server, stationB.token, 'orders', 1000, cpB)).docs;
    expect(arrived).toEqual([expect.objectContaining({ id: o.id, _deleted: false, siteId: siteB })]);

    // Station A packed the order while offline: accepted and merged, the fold flags it.
    const packed = { ...o, events: [...o.events, event(stationA, { type: 'packed', lineId: 'L1', qty: 1 })] };
    const merged = await push(server, stationA.token, 'orders', [row(packed, o)]);
    expect(merged.body).toHaveLength(1);
    expect(merged.body[0]).toMatchObject({ siteId: siteB, openExceptions: 1, exceptions: [{ code: 'wrong_site' }] });
    const atB = (await pullAll(server, stationB.token, 'orders', 1000, cpB)).docs.find((d) => d.id === o.id);
    expect(atB).toMatchObject({ siteId: siteB, openExceptions: 1 });
  });
});
