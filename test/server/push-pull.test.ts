import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/clock/hlc.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import { testBackends } from '../support/backends.ts';
import { api, makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';
import { event, movement, newStation, order, product, pull, pullAll, push, row, snapshot, type Station, type WireRec } from './helpers.ts';

describe.each(testBackends())('push and pull on %s', (backend) => {
  let server: TestServer;
  let siteId: string;
  let station: Station;
  let manager: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    ({ siteId } = await makeSite(server, 'PP'));
    station = await newStation(server, siteId);
    manager = await personToken(server, 'manager', null);
  });
  afterAll(() => server.stop());

  const refusalsFor = async (documentId: string) =>
    (await pullAll(server, station.token, 'refusals', 1000)).docs.filter((r) => r.documentId === documentId);

  it('pages exactly `limit` documents until a short page, with a growing checkpoint', async () => {
    const docs = Array.from({ length: 25 }, () => movement(station));
    expect((await push(server, station.token, 'movements', docs.map((d) => row(d)))).body).toEqual([]);
    const { docs: pulled, pages, checkpoint } = await pullAll(server, station.token, 'movements', 10);
    expect(pages).toEqual([10, 10, 5]);
    expect(pulled.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    for (const d of pulled) expect(d).toMatchObject({ _deleted: false });
    // Nothing after the last checkpoint; the checkpoint comes back unchanged.
    const again = await pull(server, station.token, 'movements', checkpoint, 10);
    expect(again.body).toEqual({ documents: [], checkpoint });
  });

  it('checkpoints follow (xid, id) order and a limit of 1 walks every document once', async () => {
    const { docs } = await pullAll(server, station.token, 'movements', 1);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(docs.length).toBeGreaterThanOrEqual(25);
  });

  it('orders by the numeric xid, not its text (99 before 100)', async () => {
    const [m99, m100] = [movement(station), movement(station)];
    for (const [m, xid] of [[m99, '99'], [m100, '100']] as const) {
      await server.query(
        `INSERT INTO documents (collection, id, doc, site_id, site_history, xid) VALUES ('movements', $1, $2::jsonb, $3, ARRAY[$3], $4::xid8)`,
        [m.id, JSON.stringify(m), siteId, xid],
      );
    }
    for (const token of [station.token, manager]) {
      const first = await pull(server, token, 'movements', { xid: '98', id: '' }, 1);
      expect(first.body).toEqual({ documents: [{ ...m99, _deleted: false }], checkpoint: { xid: '99', id: m99.id } });
      const second = await pull(server, token, 'movements', first.body.checkpoint, 1);
      expect(second.body).toEqual({ documents: [{ ...m100, _deleted: false }], checkpoint: { xid: '100', id: m100.id } });
    }
  });

  it('a repeated push is harmless and does not bump the xid', async () => {
    const o = order(station);
    expect((await push(server, station.token, 'orders', [row(o)])).body).toEqual([]);
    const before = await snapshot(server);
    const res = await push(server, station.token, 'orders', [row(o), row(o, o)]);
    expect(res).toMatchObject({ status: 200, body: [] });
    expect(await snapshot(server)).toEqual(before);
  });

  it('stamps who wrote what', async () => {
    const o = order(station);
    await push(server, station.token, 'orders', [row(o)]);
    const [stored] = await server.query<{ written_by: string; site_id: string; site_history: string[] }>(
      `SELECT written_by, site_id, site_history FROM documents WHERE collection = 'orders' AND id = $1`, [o.id]);
    expect(stored).toEqual({ written_by: station.deviceId, site_id: siteId, site_history: [siteId] });
  });

  it('answers a stale lww write with the master and writes nothing', async () => {
    const v1 = product(`SKU-${uuidv7().slice(-6)}`);
    const v2 = { ...v1, name: 'Renamed', hlc: formatHlc({ ms: Date.now() - 1000, counter: 0, node: 'a' }) };
    const v3 = { ...v1, name: 'Stale rename', hlc: formatHlc({ ms: Date.now() - 500, counter: 0, node: 'b' }) };
    expect((await push(server, manager, 'products', [row(v1)])).body).toEqual([]);
    expect((await push(server, manager, 'products', [row(v2, v1)])).body).toEqual([]);
    const before = await snapshot(server);
    const res = await push(server, manager, 'products', [row(v3, v1)]);
    expect(res.body).toEqual([{ ...v2, _deleted: false }]);
    expect(await snapshot(server)).toEqual(before);
    // No assumed state while the server has one is a conflict too.
    expect((await push(server, manager, 'products', [row(v3)])).body).toEqual([{ ...v2, _deleted: false }]);
  });

  it('merges a conflicting order, stores the union and answers with it', async () => {
    const base = order(station);
    await push(server, station.token, 'orders', [row(base)]);
    const hold = event(station, { type: 'hold', reason: 'address check' });
    const note = event(station, { type: 'note', text: 'fragile' });
    const withHold = { ...base, events: [...base.events, hold] };
    expect((await push(server, station.token, 'orders', [row(withHold, base)])).body).toHaveLength(1); // normalised: derived fields refolded
    // A second client still assumes `base` and adds a note: conflict, and the server keeps both events.
    const withNote = { ...base, events: [...base.events, note] };
    const res = await push(server, station.token, 'orders', [row(withNote, base)]);
    expect(res.body).toHaveLength(1);
    const merged: WireRec & { events: { id: string }[]; status: string } = res.body[0];
    expect(merged.events.map((e) => e.id)).toEqual(expect.arrayContaining([hold.id, note.id, base.events[0]?.id]));
    expect(merged.status).toBe('on_hold');
    const [stored] = await server.query<{ doc: string }>(`SELECT doc::text AS doc FROM documents WHERE collection = 'orders' AND id = $1`, [base.id]);
    expect(JSON.parse(stored?.doc ?? '{}')).toEqual({ ...merged, _deleted: undefined });
  });

  it('writes a push without an assumed state that holds every event the server has, and answers nothing', async () => {
    // A station's first change to an order its first sync wrote: it keeps no assumed state.
    const base = order(station);
    await push(server, station.token, 'orders', [row(base)]);
    const next = foldOrder({ ...base, events: [...base.events, event(station, { type: 'hold', reason: 'address check' })] });
    expect((await push(server, station.token, 'orders', [row(next)])).body).toEqual([]);
    const [stored] = await server.query<{ doc: string }>(`SELECT doc::text AS doc FROM documents WHERE collection = 'orders' AND id = $1`, [base.id]);
    expect(JSON.parse(stored?.doc ?? '{}')).toEqual(next);
    // One that leaves an event out is still answered with the union.
    const other = foldOrder({ ...base, events: [...base.events, event(station, { type: 'note', text: 'fragile' })] });
    const res = await push(server, station.token, 'orders', [row(other)]);
    expect(res.body).toHaveLength(1);
    const union: WireRec & { events: { type: string }[] } = res.body[0];
    expect(union.events.map((e) => e.type)).toEqual(expect.arrayContaining(['hold', 'note']));
  });

  it('stores the canonical form of an order and returns it when it differs', async () => {
    const o = order(station);
    const stale = { ...o, status: 'shipped' };
    const res = await push(server, station.token, 'orders', [row(stale)]);
    expect(res.body).toEqual([{ ...o, _deleted: false }]);
  });

  it('refuses a schema-invalid document, records the refusal and lets the station pull it', async () => {
    const bad = { ...order(station), priority: 99 };
    const before = await server.query(`SELECT 1 FROM documents WHERE collection = 'orders' AND id = $1`, [bad.id]);
    expect((await push(server, station.token, 'orders', [row(bad)])).body).toEqual([]);
    expect(await server.query(`SELECT 1 FROM documents WHERE collection = 'orders' AND id = $1`, [bad.id])).toEqual(before);
    const [refusal] = await refusalsFor(bad.id);
    expect(refusal).toMatchObject({ rule: 'schema', collectionName: 'orders', siteId, principal: `device:${station.deviceId}`, _deleted: false });
    expect(String(refusal?.message)).toMatch(/priority/);
    expect(JSON.parse(String(refusal?.document))).toMatchObject({ id: bad.id, priority: 99 });
    const listed = await api(server, 'GET', `/api/v1/refusals?siteId=${siteId}`, { token: manager });
    expect(listed.status).toBe(200);
    expect(listed.body.refusals.map((r: { documentId: string }) => r.documentId)).toContain(bad.id);
    expect((await api(server, 'GET', '/api/v1/refusals', { token: station.token })).status).toBe(403);
  });

  it('one refused document never blocks the others', async () => {
    const good1 = order(station);
    const good2 = order(station);
    const bad = { ...order(station), lines: [] };
    expect((await push(server, station.token, 'orders', [row(good1), row(bad), row(good2)])).body).toEqual([]);
    const stored = await server.query<{ id: string }>(`SELECT id FROM documents WHERE collection = 'orders' AND id = ANY($1::text[]) ORDER BY id`, [[good1.id, good2.id, bad.id]]);
    expect(stored.map((r) => r.id)).toEqual([good1.id, good2.id].sort());
    expect(await refusalsFor(bad.id)).toHaveLength(1);
  });

  it('refuses a changed movement and answers with the original; an identical one is a no-op', async () => {
    const m = movement(station, { quantity: 7 });
    await push(server, station.token, 'movements', [row(m)]);
    const before = await snapshot(server);
    expect((await push(server, station.token, 'movements', [row(m, m)])).body).toEqual([]);
    expect(await snapshot(server)).toEqual(before);
    const res = await push(server, station.token, 'movements', [row({ ...m, quantity: 8 }, m)]);
    expect(res.body).toEqual([{ ...m, _deleted: false }]);
    expect((await refusalsFor(m.id)).map((r) => r.rule)).toEqual(['movement_immutable']);
    const negative = movement(station, { kind: 'receipt', quantity: -3 });
    await push(server, station.token, 'movements', [row(negative)]);
    expect((await refusalsFor(negative.id)).map((r) => r.rule)).toEqual(['movement_invalid']);
  });

  it('refuses deleting an order, stamps from the future and writes to server-only collections', async () => {
    const o = order(station);
    await push(server, station.token, 'orders', [row(o)]);
    expect((await push(server, station.token, 'orders', [row(o, o, true)])).body).toEqual([{ ...o, _deleted: false }]);
    expect((await refusalsFor(o.id)).map((r) => r.rule)).toEqual(['delete_forbidden']);

    const future = movement(station, { at: formatHlc({ ms: Date.now() + 10 * 60_000, counter: 0, node: 'fast' }) });
    await push(server, station.token, 'movements', [row(future)]);
    expect((await refusalsFor(future.id)).map((r) => r.rule)).toEqual(['clock_drift']);

    const forged = { id: uuidv7(), siteId, collectionName: 'x', documentId: 'x', rule: 'x', message: '', document: '', principal: '', at: formatHlc({ ms: Date.now(), counter: 0, node: 'x' }) };
    await push(server, station.token, 'refusals', [row(forged)]);
    expect((await refusalsFor(forged.id)).map((r) => r.rule)).toEqual(['server_only']);
  });

  it('replicates deletions of lww documents as tombstones', async () => {
    const p = product(`SKU-${uuidv7().slice(-6)}`);
    await push(server, manager, 'products', [row(p)]);
    expect((await push(server, manager, 'products', [row(p, p, true)])).body).toEqual([]);
    const { docs } = await pullAll(server, station.token, 'products', 1000);
    expect(docs.find((d) => d.id === p.id)).toEqual({ ...p, _deleted: true });
  });

  it('refuses a station writing reference data', async () => {
    const p = product(`SKU-${uuidv7().slice(-6)}`);
    await push(server, station.token, 'products', [row(p)]);
    expect((await refusalsFor(p.id)).map((r) => r.rule)).toEqual(['role']);
  });
});
