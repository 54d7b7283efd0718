import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom, filter } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTrackingNumber } from '../../shared/barcodes/tracking.ts';
import { newId } from '../../shared/ids.ts';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import { createPacklineDatabase, type PacklineDatabase } from '../../renderer/db/database.ts';
import { OrderSearchIndex } from '../../renderer/orders/search-index.ts';
import { exactLookupState, orderSearchFor, ordersNumbered, ordersTracked, type LiveOrderSearch } from '../../renderer/orders/search-live.ts';
import { buildOrder, buildShipment } from '../shared/builders.ts';

const NAMES = ['María García', 'Marco Rossi', 'Amy Hughes', 'Ana Ruiz', 'Luca Bianchi'];
let db: PacklineDatabase<'orders' | 'shipments'>;
let live: LiveOrderSearch | null = null;
let n = 0;

function order(i: number): Order {
  const name = NAMES[i % NAMES.length] ?? 'X';
  return buildOrder({
    id: newId(), number: `PL-${100_000 + i}`, customerName: `${name} ${i % 97}`, email: `c${i % 131}@example.es`,
    lines: [{ lineId: 'L1', productId: 'prod-1', sku: `SKU-${String(i % 53).padStart(5, '0')}`, name: 'Thing', quantity: 1 + (i % 3), unitPrice: 990 }],
  });
}

function shipment(o: Order, i: number): Shipment {
  return buildShipment({ id: newId(), orderId: o.id, trackingNumber: makeTrackingNumber('PL', 2, i) });
}

/** The next time the index takes in a change after the load. */
function nextChange(search: LiveOrderSearch): Promise<number> {
  const now = search.version$.value;
  return firstValueFrom(search.version$.pipe(filter((v) => v > now)));
}

beforeEach(async () => {
  n += 1;
  db = await createPacklineDatabase({ name: `search${n}`, storage: getRxStorageMemory(), collections: ['orders', 'shipments'] });
});

afterEach(async () => {
  live?.close();
  live = null;
  await db.remove();
});

describe('live order search', () => {
  it('builds page by page to the same index a one-shot load of every document makes', async () => {
    // More than two pages of orders, some deleted (tombstones stay in the storage), and shipments.
    const orders = Array.from({ length: 4500 }, (_, i) => order(i));
    await db.orders.bulkInsert(orders);
    const shipments = orders.filter((_, i) => i % 3 === 0).map((o, i) => shipment(o, i + 1));
    await db.shipments.bulkInsert(shipments);
    const gone = orders.filter((_, i) => i % 10 === 7);
    await db.orders.bulkRemove(gone.map((o) => o.id));

    live = orderSearchFor(db);
    await live.ready;
    const goneIds = new Set(gone.map((o) => o.id));
    const reference = new OrderSearchIndex();
    reference.bulkLoad(orders.filter((o) => !goneIds.has(o.id)), shipments);

    expect(live.index.size).toBe(reference.size);
    const queries = ['', 'pl-1000', 'PL-104499', '104017', 'garcia', 'marco rossi 4', 'ana', 'c17@example.es', 'sku-00052', 'PL0002', shipments[100]?.trackingNumber ?? '', 'zzz'];
    for (const q of queries) expect({ q, ids: live.index.search(q).sort() }).toEqual({ q, ids: reference.search(q).sort() });
    for (const o of orders.slice(0, 50)) expect(live.index.summaryOf(o.id)).toEqual(reference.summaryOf(o.id));
  });

  it('reads past more than a page of orders sharing one number', async () => {
    const same = Array.from({ length: 2100 }, (_, i) => ({ ...order(i), number: 'PL-7' }));
    const others = [order(5000), order(5001)];
    await db.orders.bulkInsert([...same, ...others]);
    live = orderSearchFor(db);
    await live.ready;
    expect(live.index.size).toBe(2102);
    expect(live.index.search('PL-7')).toHaveLength(2100);
    expect(live.index.search('PL-105001')).toEqual([others[1]?.id]);
  });

  it('keeps rows and results current as orders and shipments change, including during the build', async () => {
    const orders = Array.from({ length: 30 }, (_, i) => order(i));
    await db.orders.bulkInsert(orders);
    live = orderSearchFor(db);
    // Written while the pages are read: queued and applied after them.
    const late = order(999);
    await db.orders.insert(late);
    await live.ready;
    expect(live.index.search('PL-100999')).toEqual([late.id]);

    const first = orders[0];
    if (first === undefined) throw new Error('no order');
    const doc = await db.orders.findOne(first.id).exec();
    let changed = nextChange(live);
    await doc?.incrementalPatch({ status: 'on_hold', customerName: 'Grace Hopper', openExceptions: 1 });
    await changed;
    expect(live.index.summaryOf(first.id)).toMatchObject({ number: first.number, status: 'on_hold', customerName: 'Grace Hopper', openExceptions: 1 });
    expect(live.index.search('hopper')).toEqual([first.id]);
    expect(live.index.search(first.customerName)).not.toContain(first.id);

    const s = shipment(first, 42);
    changed = nextChange(live);
    await db.shipments.insert(s);
    await changed;
    expect(live.index.search(s.trackingNumber)).toEqual([first.id]);

    changed = nextChange(live);
    await doc?.getLatest().remove();
    await changed;
    expect(live.index.summaryOf(first.id)).toBeUndefined();
    expect(live.index.search('hopper')).toEqual([]);
    expect(live.index.search(s.trackingNumber)).toEqual([]);
    expect(live.index.size).toBe(30);
  });

  it('tells how many orders it has indexed as it reads them, page by page', async () => {
    await db.orders.bulkInsert(Array.from({ length: 4500 }, (_, i) => order(i)));
    live = orderSearchFor(db);
    const search = live;
    const seen: number[] = [];
    const sub = search.version$.subscribe(() => {
      if (!search.isReady()) seen.push(search.indexed());
    });
    await search.ready;
    sub.unsubscribe();
    // Pages of 2,000 orders (each after the first repeats the last number read); then the
    // shipments are read and the index is ready.
    expect(seen.filter((count) => count > 0)).toEqual([2000, 3999, 4500]);
    expect(search.indexed()).toBe(4500);
  });

  it('answers an exact order or tracking number from the store, for use before the index is built', async () => {
    const orders = Array.from({ length: 30 }, (_, i) => order(i));
    await db.orders.bulkInsert(orders);
    const [, one, , three, , five] = orders;
    if (one === undefined || three === undefined || five === undefined) throw new Error('no orders');
    const s = shipment(three, 7);
    await db.shipments.insert(s);
    await (await db.orders.findOne(five.id).exec())?.remove();
    const ids = async (q: string): Promise<string[]> => [...(await ordersNumbered(db, q)), ...(await ordersTracked(db, q))].map((o) => o.id);

    expect(await ids('PL-100001')).toEqual([one.id]);
    expect(await ids('  pl-100001 ')).toEqual([one.id]);
    expect(await ids(s.trackingNumber)).toEqual([three.id]);
    expect(await ids(s.trackingNumber.toLowerCase())).toEqual([three.id]);
    expect((await ordersNumbered(db, 'PL-100001'))[0]).toMatchObject({ number: 'PL-100001', customerName: one.customerName });
    // Exact only: a deleted order, part of a number and nothing at all find nothing.
    expect(await ids('PL-100005')).toEqual([]);
    expect(await ids('100001')).toEqual([]);
    expect(await ids(' ')).toEqual([]);
  });

  it('answers an order number without reading shipments, which may still be in their first sync', async () => {
    const orders = Array.from({ length: 5 }, (_, i) => order(i));
    await db.orders.bulkInsert(orders);
    // Reads of shipments queue behind a first sync's writes; an order number does not wait.
    const find = vi.spyOn(db.shipments, 'find').mockImplementation(() => {
      throw new Error('shipments read');
    });
    expect((await ordersNumbered(db, 'PL-100002')).map((o) => o.number)).toEqual(['PL-100002']);
    expect(find).not.toHaveBeenCalled();
    await expect(ordersTracked(db, 'PL-100002')).rejects.toThrow('shipments read');
  });
});

describe('the exact lookup shown while the index is built', () => {
  const one = buildOrder({ id: 'o-1', number: 'PL-1001' });
  const two = buildOrder({ id: 'o-2', number: 'PL-1002' });

  it('shows an order number before the tracking numbers have answered, and is complete once both have', () => {
    expect(exactLookupState('PL-1001', null)).toEqual({ orders: [], lookup: { complete: false, error: null } });
    expect(exactLookupState('PL-1001', { query: 'PL-1001', numbered: [one], tracked: null, error: null })).toEqual({
      orders: [one],
      lookup: { complete: false, error: null },
    });
    // The same order found both ways shows once.
    expect(exactLookupState('PL-1001', { query: 'PL-1001', numbered: [one], tracked: [one, two], error: null })).toEqual({
      orders: [one, two],
      lookup: { complete: true, error: null },
    });
    expect(exactLookupState('PL-1001', { query: 'PL-1001', numbered: [], tracked: [], error: null })).toEqual({ orders: [], lookup: { complete: true, error: null } });
  });

  it('says why a lookup failed, keeping what the other part found', () => {
    expect(exactLookupState('PL-1001', { query: 'PL-1001', numbered: [one], tracked: [], error: 'QuotaExceededError' })).toEqual({
      orders: [one],
      lookup: { complete: true, error: 'QuotaExceededError' },
    });
  });

  it('takes an answer for another query as none yet, and looks up nothing for a name', () => {
    expect(exactLookupState('PL-1002', { query: 'PL-1001', numbered: [one], tracked: [], error: null })).toEqual({ orders: [], lookup: { complete: false, error: null } });
    expect(exactLookupState('María', null)).toEqual({ orders: [], lookup: null });
  });
});
