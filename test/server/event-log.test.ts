import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldOrder } from '../../shared/orders/fold.ts';
import type { Order } from '../../shared/schema/orders.ts';
import { testBackends } from '../support/backends.ts';
import { makeSite, startTestServer, type TestServer } from '../support/server.ts';
import { event, newStation, order, pullAll, push, row, type Station } from './helpers.ts';

const ids = (o: Pick<Order, 'events'>): string[] => o.events.map((e) => e.id);

/** An order's event log only grows: a push can add events, never drop or edit the server's. */
describe.each(testBackends())('event logs on %s', (backend) => {
  let server: TestServer;
  let pack: Station;

  beforeAll(async () => {
    server = await startTestServer({ backend, seed: 'none' });
    pack = await newStation(server, (await makeSite(server, 'EL')).siteId, 'Pack 1');
  });
  afterAll(() => server.stop());

  const stored = async (id: string): Promise<Order> => {
    const [r] = await server.query<{ doc: string }>(`SELECT doc::text AS doc FROM documents WHERE id = $1`, [id]);
    if (r === undefined) throw new Error(`order ${id} is not stored`);
    return JSON.parse(r.doc);
  };

  /** An order on the server with a created event and a note: what a station would hold after syncing. */
  async function synced(): Promise<Order> {
    const o = order(pack);
    await push(server, pack.token, 'orders', [row(o)]);
    const noted = foldOrder({ ...o, events: [...o.events, event(pack, { type: 'note', text: 'fragile' })] });
    await push(server, pack.token, 'orders', [row(noted, o)]);
    const master = await stored(o.id);
    expect(ids(master)).toEqual(ids(noted));
    return master;
  }

  it('keeps the events a push leaves out, and answers the whole log so the station catches up', async () => {
    const master = await synced();
    // A buggy station writes its next event over a log that lost the note.
    const next = event(pack, { type: 'hold', reason: 'address check' });
    const shorter = foldOrder({ ...master, events: [master.events[0], next].filter((e) => e !== undefined) });
    const res = await push(server, pack.token, 'orders', [row(shorter, master)]);
    const after = await stored(master.id);
    expect(ids(after)).toEqual([...ids(master), next.id]);
    expect(after.onHold).toBe(true);
    const answered: unknown = res.body;
    expect(answered).toEqual([expect.objectContaining({ id: master.id, events: after.events })]);
    // And a station pulling sees the same.
    const pulled = (await pullAll(server, pack.token, 'orders', 1000)).docs.find((d) => d.id === master.id);
    expect(pulled?.events).toEqual(after.events);
  });

  it('refuses a push that edits an event already written, and stores nothing of it', async () => {
    const master = await synced();
    const edited = foldOrder({ ...master, events: master.events.map((e) => (e.type === 'note' ? { ...e, text: 'not fragile at all' } : e)) });
    await push(server, pack.token, 'orders', [row(edited, master)]);
    expect(await stored(master.id)).toEqual(master);
    const refusal = (await pullAll(server, pack.token, 'refusals', 1000)).docs.find((r) => r.documentId === master.id);
    expect(refusal).toMatchObject({ rule: 'event_changed' });
    expect(String(refusal?.message)).toContain('events are never edited');
  });
});
