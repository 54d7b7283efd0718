import type { MangoQuery, RxCollection } from 'rxdb';
import { PRIORITY_MAX, type Order, type OrderStatus } from '../../shared/schema/orders.ts';

/** Orders a packer can work on: waiting, being picked, or packed and not yet shipped. */
export const QUEUE_STATUSES = ['ready', 'picking', 'packed'] as const satisfies readonly OrderStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** What a queue row shows; the rest of the order (events, addresses) is not read into it. */
export type QueueRow = Pick<Order, 'id' | 'number' | 'customerName' | 'shipBy' | 'priority' | 'status'> & { units: number };

/** Earliest ship-by first; on the same day the higher priority first, then by number for a stable list. */
export function compareQueue(a: Pick<Order, 'shipBy' | 'priority' | 'number'>, b: Pick<Order, 'shipBy' | 'priority' | 'number'>): number {
  if (a.shipBy !== b.shipBy) return a.shipBy < b.shipBy ? -1 : 1;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/**
 * The two reads the queue is made of, each a walk along the index
 * [siteId, status, shipBy, priority, number] that stops after the rows it returns.
 */
export type QueueSource = {
  /** The earliest ship-by date of this status's orders later than `after` (null: the earliest of all). */
  nextDay(status: QueueStatus, after: string | null): Promise<string | null>;
  /** Up to `limit` of this status's orders with this ship-by date and priority, by number. */
  level(status: QueueStatus, day: string, priority: number, limit: number): Promise<QueueRow[]>;
};

/**
 * The first `limit` queued orders in queue order (compareQueue). An index keeps priority
 * ascending, so the queue is read level by level (a day, then a priority from the highest
 * down), each level a short index range: a site with tens of thousands of orders waiting
 * reads little more than the rows it shows, where one query sorting by priority descending
 * would read and sort every queued order.
 */
export async function queueTop(source: QueueSource, limit: number): Promise<QueueRow[]> {
  const out: QueueRow[] = [];
  let day = await earliestDay(source, null);
  while (day !== null && out.length < limit) {
    for (let priority = PRIORITY_MAX; priority >= 0 && out.length < limit; priority--) {
      const want = limit - out.length;
      const lists = await Promise.all(QUEUE_STATUSES.map((s) => source.level(s, day ?? '', priority, want)));
      out.push(...lists.flat().sort(compareQueue).slice(0, want));
    }
    day = out.length < limit ? await earliestDay(source, day) : null;
  }
  return out;
}

async function earliestDay(source: QueueSource, after: string | null): Promise<string | null> {
  const days = await Promise.all(QUEUE_STATUSES.map((s) => source.nextDay(s, after)));
  return days.reduce<string | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);
}

export function toQueueRow(o: Pick<Order, 'id' | 'number' | 'customerName' | 'shipBy' | 'priority' | 'status' | 'lines'>): QueueRow {
  return { id: o.id, number: o.number, customerName: o.customerName, shipBy: o.shipBy, priority: o.priority, status: o.status, units: o.lines.reduce((s, l) => s + l.quantity, 0) };
}

/**
 * The two reads as RxDB queries. The sorts name the whole index tail, so RxDB's query planner
 * answers both from the index in order and stops at the limit (checked in the tests).
 */
export const queueQueries = {
  nextDay: (siteId: string, status: QueueStatus, after: string | null): MangoQuery<Order> => ({
    selector: { siteId, status, ...(after === null ? {} : { shipBy: { $gt: after } }) },
    sort: [{ shipBy: 'asc' }, { priority: 'asc' }, { number: 'asc' }],
    limit: 1,
  }),
  level: (siteId: string, status: QueueStatus, day: string, priority: number, limit: number): MangoQuery<Order> => ({
    selector: { siteId, status, shipBy: day, priority },
    sort: [{ number: 'asc' }],
    limit,
  }),
};

/** The queue of one site in the local store. */
export function storeQueueSource(orders: RxCollection<Order>, siteId: string): QueueSource {
  return {
    async nextDay(status, after) {
      const [doc] = await orders.find(queueQueries.nextDay(siteId, status, after)).exec();
      return doc?.shipBy ?? null;
    },
    async level(status, day, priority, limit) {
      const docs = await orders.find(queueQueries.level(siteId, status, day, priority, limit)).exec();
      return docs.map((d) => toQueueRow(d));
    },
  };
}

/** How many of the site's orders wait, one index count per status. */
export async function queueCount(orders: RxCollection<Order>, siteId: string): Promise<number> {
  const counts = await Promise.all(QUEUE_STATUSES.map((status) => orders.count({ selector: { siteId, status } }).exec()));
  return counts.reduce((a, b) => a + b, 0);
}

/** Whether a change to this order can move this site's queue. */
export function touchesQueue(siteId: string, doc: Pick<Order, 'siteId' | 'status'> | undefined): boolean {
  return doc !== undefined && doc.siteId === siteId && (QUEUE_STATUSES as readonly string[]).includes(doc.status);
}

export type CoalescedReader = { read(): void; stop(): void };

/**
 * Runs `read` and hands its result to `set`. A call while a read runs is folded into one more
 * read, started no sooner than `minGapMs` after the previous one began: a sync writing
 * thousands of orders costs a read per gap, not one per page, and leaves the store to the
 * sync's writes in between. A call with no read running reads at once. After stop(), results
 * are dropped. A failed read (the store closing under it) leaves the last result shown; the
 * next call reads again.
 */
export function coalescedReader<T>(read: () => Promise<T>, set: (value: T) => void, minGapMs = 0): CoalescedReader {
  let stopped = false;
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      for (let more = true; more; more = again && !stopped) {
        again = false;
        const started = Date.now();
        const value = await read();
        if (!stopped) set(value);
        const rest = minGapMs - (Date.now() - started);
        if (again && rest > 0) await new Promise((r) => setTimeout(r, rest));
      }
    } finally {
      running = false;
    }
  };
  return {
    read() {
      if (stopped) return;
      if (running) again = true;
      else void run().catch(() => {});
    },
    stop() {
      stopped = true;
    },
  };
}

/**
 * The queue's two readers, the count behind the rows. IndexedDB answers one request after
 * another, so counting tens of thousands of waiting orders (hundreds of milliseconds per
 * status) while the rows are read would hold the rows back: the first count starts once the
 * first rows are shown. After that a change reads both again.
 */
export function queueReaders<R, C>(readRows: () => Promise<R>, setRows: (rows: R) => void, readCount: () => Promise<C>, setCount: (count: C) => void, minGapMs = 0): CoalescedReader {
  let shown = false;
  const count = coalescedReader(readCount, setCount, minGapMs);
  const rows = coalescedReader(
    readRows,
    (r) => {
      setRows(r);
      if (!shown) {
        shown = true;
        count.read();
      }
    },
    minGapMs,
  );
  return {
    read() {
      rows.read();
      if (shown) count.read();
    },
    stop() {
      rows.stop();
      count.stop();
    },
  };
}

/** A day as YYYY-MM-DD in this computer's time zone, to compare with ship-by dates. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
