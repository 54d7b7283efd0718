import * as fc from 'fast-check';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPacklineDatabase, type PacklineDatabase } from '../../renderer/db/database.ts';
import { coalescedReader, compareQueue, QUEUE_STATUSES, queueCount, queueQueries, queueReaders, queueTop, storeQueueSource, toQueueRow, touchesQueue, type QueueRow, type QueueSource } from '../../renderer/packing/queue.ts';
import { PRIORITY_MAX, type Order } from '../../shared/schema/orders.ts';
import { toRxSchema } from '../../shared/schema/rx.ts';
import { buildOrder, SITE_A, SITE_B } from '../shared/builders.ts';

type Row = QueueRow & { siteId: string };
const STATUSES: readonly Order['status'][] = ['pending', 'ready', 'picking', 'packed', 'shipped', 'on_hold', 'cancelled'];
const DAYS = ['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-05'];

/** The queue by definition: every queued order of the site, sorted, cut at the limit. */
function expected(rows: readonly Row[], siteId: string, limit: number): QueueRow[] {
  return rows.filter((r) => r.siteId === siteId && touchesQueue(siteId, r)).sort(compareQueue).slice(0, limit).map(({ siteId: _s, ...r }) => r);
}

/** The two index reads over an array, as the store answers them. */
function arraySource(rows: readonly Row[], siteId: string): QueueSource & { reads: number } {
  const mine = rows.filter((r) => r.siteId === siteId);
  const source = {
    reads: 0,
    nextDay(status: string, after: string | null) {
      const days = mine.filter((r) => r.status === status && (after === null || r.shipBy > after)).map((r) => r.shipBy).sort();
      return Promise.resolve(days[0] ?? null);
    },
    level(status: string, day: string, priority: number, limit: number) {
      const found = mine.filter((r) => r.status === status && r.shipBy === day && r.priority === priority).sort(compareQueue).slice(0, limit);
      source.reads += found.length;
      return Promise.resolve(found.map(({ siteId: _s, ...r }) => r));
    },
  };
  return source;
}

const rowArb = (i: number) =>
  fc.record({
    siteId: fc.constantFrom(SITE_A, SITE_B),
    status: fc.constantFrom(...STATUSES),
    shipBy: fc.constantFrom(...DAYS),
    priority: fc.integer({ min: 0, max: PRIORITY_MAX }),
    units: fc.integer({ min: 1, max: 5 }),
  }).map((r) => ({ ...r, id: `o-${i}`, number: `PL-${100_000 + i}`, customerName: 'C' }));
const rowsArb = fc.integer({ min: 0, max: 120 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowArb(i))));

describe('queueTop', () => {
  it('is the first rows of the sorted queue, for any mix of sites, statuses, days and priorities', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.integer({ min: 1, max: 70 }), async (rows, limit) => {
        expect(await queueTop(arraySource(rows, SITE_A), limit)).toEqual(expected(rows, SITE_A, limit));
      }),
      { seed: 20_261_122, numRuns: 300 },
    );
  });

  it('reads about as many rows as it shows, not the whole queue', async () => {
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `o-${i}`, number: `PL-${100_000 + i}`, customerName: 'C', units: 1, siteId: SITE_A,
      status: QUEUE_STATUSES[i % 3] ?? 'ready', shipBy: DAYS[i % 2] ?? '', priority: i % 7 === 0 ? (i % PRIORITY_MAX) + 1 : 0,
    }));
    const source = arraySource(rows, SITE_A);
    expect(await queueTop(source, 60)).toEqual(expected(rows, SITE_A, 60));
    expect(source.reads).toBeLessThanOrEqual(3 * 60);
  });
});

describe('the queue in the local store', () => {
  let db: PacklineDatabase<'orders'>;
  let n = 0;
  beforeEach(async () => {
    n += 1;
    db = await createPacklineDatabase({ name: `queue${n}`, storage: getRxStorageMemory(), collections: ['orders'], devMode: true });
  });
  afterEach(async () => {
    await db.remove();
  });

  it('answers both reads from the queue index in order, stopping at the limit', () => {
    const queries = [
      db.orders.find(queueQueries.nextDay(SITE_A, 'ready', null)),
      db.orders.find(queueQueries.nextDay(SITE_A, 'picking', '2025-07-01')),
      db.orders.find(queueQueries.level(SITE_A, 'packed', '2025-07-01', 3, 60)),
    ];
    for (const q of queries) {
      const plan = q.getPreparedQuery().queryPlan;
      expect(plan.index).toEqual(['_deleted', 'siteId', 'status', 'shipBy', 'priority', 'number', 'id']);
      expect(plan).toMatchObject({ sortSatisfiedByIndex: true, selectorSatisfiedByIndex: true });
    }
  });

  it('lists this site’s queued orders by ship-by date, priority and number, and counts them', async () => {
    const specs: [string, Order['status'], string, number][] = [
      [SITE_A, 'ready', '2025-07-02', 0],
      [SITE_A, 'packed', '2025-07-01', 0],
      [SITE_A, 'picking', '2025-07-02', 5],
      [SITE_A, 'shipped', '2025-07-01', 9],
      [SITE_B, 'ready', '2025-07-01', 9],
      [SITE_A, 'ready', '2025-07-01', 2],
      [SITE_A, 'ready', '2025-07-02', 0],
    ];
    const orders = specs.map(([siteId, status, shipBy, priority], i) => ({ ...buildOrder({ id: `order-${i}`, number: `PL-${100_010 - i}`, shipBy, priority }), siteId, status }));
    await db.orders.bulkInsert(orders);
    const top = await queueTop(storeQueueSource(db.orders, SITE_A), 10);
    expect(top.map((r) => r.id)).toEqual(['order-5', 'order-1', 'order-2', 'order-6', 'order-0']);
    const first = orders.find((o) => o.id === 'order-5');
    expect(first && top[0]).toEqual(first && toQueueRow(first));
    expect(top[0]?.units).toBe(3);
    expect(await queueTop(storeQueueSource(db.orders, SITE_A), 2)).toEqual(top.slice(0, 2));
    expect(await queueCount(db.orders, SITE_A)).toBe(5);
  });
});

describe('a store written before the queue index', () => {
  it('opens with its orders after migrating to the current schema', async () => {
    const storage = getRxStorageMemory();
    const name = `queue-migrate-${Date.now()}`;
    // Dev-mode is on in this process (the tests above), and it wants a validating storage.
    const old = await createRxDatabase({ name, storage: wrappedValidateAjvStorage({ storage }) });
    const v0 = { ...toRxSchema('orders'), version: 0, indexes: ['number', ['siteId', 'status', 'shipBy'], 'openExceptions'] };
    // oxlint-disable-next-line typescript/no-unsafe-type-assertion -- version 0's schema: today's with the old queue index
    await old.addCollections({ orders: { schema: v0 as never } });
    await old.collections.orders?.insert({ ...buildOrder({ id: 'order-old', priority: 4 }), status: 'ready' });
    await old.close();

    const db = await createPacklineDatabase({ name, storage, collections: ['orders'] });
    try {
      expect((await queueTop(storeQueueSource(db.orders, SITE_A), 5)).map((r) => r.id)).toEqual(['order-old']);
    } finally {
      await db.remove();
    }
  });
});

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('coalescedReader', () => {
  it('folds calls made during a read into one more read, and drops results after stop', async () => {
    const gates: (() => void)[] = [];
    let reads = 0;
    const seen: number[] = [];
    const reader = coalescedReader(
      () =>
        new Promise<number>((resolve) => {
          reads += 1;
          const n = reads;
          gates.push(() => resolve(n));
        }),
      (v) => seen.push(v),
    );
    reader.read();
    reader.read();
    reader.read();
    expect(reads).toBe(1);
    gates.shift()?.();
    await settle();
    expect(seen).toEqual([1]);
    expect(reads).toBe(2);
    reader.stop();
    gates.shift()?.();
    await settle();
    reader.read();
    expect(seen).toEqual([1]);
    expect(reads).toBe(2);
  });
});

describe('coalescedReader with a gap', () => {
  it('reads at once when idle, and leaves the gap between reads that changes keep asking for', async () => {
    vi.useFakeTimers();
    try {
      let reads = 0;
      const reader = coalescedReader(() => Promise.resolve((reads += 1)), () => {}, 1000);
      reader.read();
      expect(reads).toBe(1);
      reader.read();
      await vi.advanceTimersByTimeAsync(999);
      expect(reads).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(reads).toBe(2);
      await vi.advanceTimersByTimeAsync(5000);
      reader.read();
      expect(reads).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('queueReaders', () => {
  it('counts only once the first rows are shown, then reads both on a change', async () => {
    const calls: string[] = [];
    const gates: (() => void)[] = [];
    const releaseRows = (): void => gates.shift()?.();
    const readers = queueReaders(
      () =>
        new Promise<string>((resolve) => {
          calls.push('rows');
          gates.push(() => resolve('rows'));
        }),
      () => calls.push('rows shown'),
      () => {
        calls.push('count');
        return Promise.resolve(7);
      },
      () => calls.push('count shown'),
    );
    readers.read();
    await Promise.resolve();
    // The count waits behind the rows: IndexedDB would serve it first and hold them back.
    expect(calls).toEqual(['rows']);
    readers.read();
    releaseRows();
    await vi.waitFor(() => expect(calls).toContain('count shown'));
    expect(calls.slice(0, 3)).toEqual(['rows', 'rows shown', 'count']);
    await vi.waitFor(() => expect(calls.filter((c) => c === 'rows')).toHaveLength(2));
    releaseRows();
    readers.read();
    await vi.waitFor(() => expect(calls.filter((c) => c === 'count')).toHaveLength(2));
    readers.stop();
  });
});
