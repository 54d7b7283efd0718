import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';
import { event, movement, newStation, order, pullAll, push, row, snapshot, type Station, type WireRec } from './helpers.ts';

type Events = { events: { id: string; deviceId: string }[] };

describe.each(testBackends())('who wrote it, checked against the token, on %s', (backend) => {
  let server: TestServer;
  let siteA: string;
  let siteB: string;
  let pack1: Station;
  let pack2: Station;
  let other: Station;
  let manager: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    siteA = (await makeSite(server, 'AC')).siteId;
    siteB = (await makeSite(server, 'AD')).siteId;
    pack1 = await newStation(server, siteA, 'Pack 1');
    pack2 = await newStation(server, siteA, 'Pack 2');
    other = await newStation(server, siteB, 'Pack B');
    manager = await personToken(server, 'manager', null);
  });
  afterAll(() => server.stop());

  const refusalsFor = async (s: Station, documentId: string) =>
    (await pullAll(server, s.token, 'refusals', 1000)).docs.filter((r) => r.documentId === documentId);
  const stored = async (id: string): Promise<Events | undefined> => {
    const [r] = await server.query<{ doc: string }>(`SELECT doc::text AS doc FROM documents WHERE id = $1`, [id]);
    return r === undefined ? undefined : JSON.parse(r.doc);
  };

  it('refuses an order whose new event names another device, records the refusal and lists it', async () => {
    const forged = order({ siteId: siteA, deviceId: pack2.deviceId });
    expect((await push(server, pack1.token, 'orders', [row(forged)])).body).toEqual([]);
    expect(await stored(forged.id)).toBeUndefined();
    const [refusal] = await refusalsFor(pack1, forged.id);
    expect(refusal).toMatchObject({ rule: 'actor', collectionName: 'orders', siteId: siteA, principal: `device:${pack1.deviceId}` });
    expect(refusal?.message).toBe(
      `event ${forged.events[0]?.id} says it was written by device ${pack2.deviceId} at site ${siteA}, but this is station ${pack1.deviceId} of site ${siteA}: a station records only its own events`,
    );
    const listed = await api(server, 'GET', `/api/v1/refusals?siteId=${siteA}`, { token: manager });
    expect(listed.body.refusals).toEqual(expect.arrayContaining([expect.objectContaining({ documentId: forged.id, rule: 'actor' })]));
  });

  it('refuses an event of its own device that claims another site', async () => {
    const o = order(pack1);
    await push(server, pack1.token, 'orders', [row(o)]);
    const elsewhere = event({ siteId: siteB, deviceId: pack1.deviceId }, { type: 'note', text: 'written at B, says it' });
    await push(server, pack1.token, 'orders', [row({ ...o, events: [...o.events, elsewhere] }, o)]);
    expect((await refusalsFor(pack1, o.id)).map((r) => r.rule)).toEqual(['actor']);
    expect((await stored(o.id))?.events.map((e) => e.id)).toEqual(o.events.map((e) => e.id));
  });

  it('checks the pushed events before merging with a newer server copy', async () => {
    const base = order(pack1);
    await push(server, pack1.token, 'orders', [row(base)]);
    const newer = { ...base, events: [...base.events, event(pack1, { type: 'note', text: 'newer' })] };
    await push(server, pack1.token, 'orders', [row(newer, base)]);
    const before = await snapshot(server);
    // Pack 2 still assumes `base` (a conflict, so the server would merge) and slips in an event "by" pack 1.
    const slipped = { ...base, events: [...base.events, event(pack1, { type: 'hold', reason: 'not mine' })] };
    const res = await push(server, pack2.token, 'orders', [row(slipped, base)]);
    expect(res.status).toBe(200);
    expect((await refusalsFor(pack2, base.id)).map((r) => r.rule)).toEqual(['actor']);
    const after = await snapshot(server);
    expect(after.filter((r) => r.collection !== 'refusals')).toEqual(before.filter((r) => r.collection !== 'refusals'));
  });

  it('accepts events pulled from another station in a later push, in order and in conflict', async () => {
    const o = order(pack1);
    await push(server, pack1.token, 'orders', [row(o)]);
    const copy = (await pullAll(server, pack2.token, 'orders', 1000)).docs.find((d) => d.id === o.id);
    if (copy === undefined) throw new Error('pack 2 did not pull the order');
    // Pack 2 adds its own event to what pack 1 wrote: the server copy is what it assumes.
    const mine = event(pack2, { type: 'note', text: 'checked the address' });
    expect((await push(server, pack2.token, 'orders', [row({ ...copy, events: [...o.events, mine] }, copy)])).status).toBe(200);
    // Pack 1 meanwhile added one from its stale copy: a conflict, merged; pack 2's event came from the server.
    const late = event(pack1, { type: 'hold', reason: 'customer called' });
    const res = await push(server, pack1.token, 'orders', [row({ ...o, events: [...o.events, late] }, o)]);
    expect(res.body).toHaveLength(1);
    const ids = (await stored(o.id))?.events.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([o.events[0]?.id, mine.id, late.id]));
    // Pack 2 pushes the merged copy back, with pack 1's events in it: nothing refused.
    const merged: WireRec & Events = res.body[0];
    const again = await push(server, pack2.token, 'orders', [row(merged, copy)]);
    expect(again.status).toBe(200);
    expect(await refusalsFor(pack1, o.id)).toEqual([]);
    expect(await refusalsFor(pack2, o.id)).toEqual([]);
  });

  it('refuses a movement naming another device; a movement of another site is refused once, by scope', async () => {
    const forged = movement({ siteId: siteA, deviceId: pack2.deviceId });
    await push(server, pack1.token, 'movements', [row(forged)]);
    const [refusal] = await refusalsFor(pack1, forged.id);
    expect(refusal).toMatchObject({ rule: 'actor' });
    expect(refusal?.message).toBe(
      `movement ${forged.id} says it was written by device ${pack2.deviceId} at site ${siteA}, but this is station ${pack1.deviceId} of site ${siteA}: a station records only its own movements`,
    );
    const foreign = movement(other);
    await push(server, pack1.token, 'movements', [row(foreign)]);
    expect((await refusalsFor(pack1, foreign.id)).map((r) => r.rule)).toEqual(['scope']);
    expect(await stored(forged.id)).toBeUndefined();
    expect(await stored(foreign.id)).toBeUndefined();

    const own = movement(pack1);
    expect((await push(server, pack1.token, 'movements', [row(own)])).body).toEqual([]);
    expect(await stored(own.id)).toBeDefined();
  });

  it('does not check person tokens: a manager writes events and movements naming any device', async () => {
    const o = order({ siteId: siteA, deviceId: 'manager-browser' });
    const m = movement({ siteId: siteB, deviceId: pack2.deviceId });
    expect((await push(server, manager, 'orders', [row(o)])).body).toEqual([]);
    expect((await push(server, manager, 'movements', [row(m)])).body).toEqual([]);
    expect(await stored(o.id)).toBeDefined();
    expect(await stored(m.id)).toBeDefined();
  });
});
