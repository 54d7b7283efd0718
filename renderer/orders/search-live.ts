import { normalizeMangoQuery, prepareQuery, type MangoQuery } from 'rxdb';
import { RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { DocOf } from '../../shared/schema/collections.ts';
import type { Order } from '../../shared/schema/orders.ts';
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { PacklineCollection } from '../db/database.ts';
import { looksLikeNumber, OrderSearchIndex } from './search-index.ts';

export type LiveOrderSearch = {
  readonly index: OrderSearchIndex;
  /** Bumps after changes applied since the initial load (at most every 50 ms); screens re-run their query on it. */
  readonly version$: BehaviorSubject<number>;
  /** Resolves once every stored order and shipment is indexed. */
  readonly ready: Promise<void>;
  isReady(): boolean;
  /** Orders indexed so far: while the index is built, `version$` bumps after every page read. */
  indexed(): number;
  close(): void;
};

/** What the index reads: a station's whole store, or any store holding these two collections. */
type SearchDb = { readonly orders: PacklineCollection<'orders'>; readonly shipments: PacklineCollection<'shipments'> };

const live = new WeakMap<object, LiveOrderSearch>();
/** Documents per storage read while the index is built: a few MB of orders at a time. */
const PAGE = 2000;
const COALESCE_MS = 50;

/**
 * The station's one search index over its local store, built on first use and then kept
 * current from the change streams, so every screen (and the benchmark) shares it.
 */
export function orderSearchFor(db: SearchDb): LiveOrderSearch {
  let found = live.get(db);
  if (!found) {
    found = startLiveSearch(db);
    live.set(db, found);
  }
  return found;
}

function startLiveSearch(db: SearchDb): LiveOrderSearch {
  const index = new OrderSearchIndex();
  const version$ = new BehaviorSubject(0);
  let loaded = false;
  // Changes that land while the pages are read are queued and replayed after them, so
  // none is lost and none is overwritten by an older page.
  const queued: (() => void)[] = [];
  // The index takes every change at once; screens hear of them at most once per COALESCE_MS,
  // so a replication writing thousands of shipments does not redraw the list thousands of times.
  let bumping: ReturnType<typeof setTimeout> | null = null;
  const bump = (): void => {
    bumping ??= setTimeout(() => {
      bumping = null;
      if (!version$.closed) version$.next(version$.value + 1);
    }, COALESCE_MS);
  };
  const apply = (fn: () => void): void => {
    if (!loaded) {
      queued.push(fn);
      return;
    }
    fn();
    bump();
  };
  const subs: Subscription[] = [
    db.orders.$.subscribe((e) => apply(() => (e.operation === 'DELETE' ? index.removeOrder(e.documentId) : index.setOrder(e.documentData)))),
    db.shipments.$.subscribe((e) => apply(() => (e.operation === 'DELETE' ? index.removeShipment(e.documentId) : index.setShipment(e.documentData)))),
  ];
  const ready = (async () => {
    await readPaged(db.orders, 'number', (page) => {
      index.bulkLoad(page);
      version$.next(version$.value + 1);
    });
    await readPaged(db.shipments, 'trackingNumber', (page) => index.bulkLoad([], page));
    for (const fn of queued.splice(0)) fn();
    loaded = true;
    // Sort the token list now rather than on the first keystroke.
    index.search('0', 1);
    version$.next(version$.value + 1);
  })();
  return {
    index,
    version$,
    ready,
    isReady: () => loaded,
    indexed: () => index.size,
    close() {
      for (const s of subs) s.unsubscribe();
      if (bumping !== null) clearTimeout(bumping);
      version$.complete();
    },
  };
}

/** The forms a typed number is looked up in: as typed and in capitals, trimmed; none for blanks. */
function numberForms(query: string): string[] {
  const typed = query.trim();
  return typed === '' ? [] : [...new Set([typed, typed.toUpperCase()])];
}

/**
 * The orders whose number is exactly the query (as typed, or in capitals), read through the
 * orders' own number index: answers a number at once while the search index is still built.
 * One equality query per form: the storage walks one index range for each ($in would scan).
 */
export async function ordersNumbered(db: SearchDb, query: string): Promise<Order[]> {
  const found = await Promise.all(numberForms(query).map((f) => db.orders.find({ selector: { number: f } }).exec()));
  return uniqueOrders(found.flat().map((d) => d.toMutableJSON()));
}

/**
 * The orders one of whose shipments has exactly the query as its tracking number (as typed, or
 * in capitals). Asked apart from the order numbers: while shipments are still in their first
 * sync, their reads queue behind its writes, and an order number need not wait for that.
 */
export async function ordersTracked(db: SearchDb, query: string): Promise<Order[]> {
  const shipments = await Promise.all(numberForms(query).map((f) => db.shipments.find({ selector: { trackingNumber: f } }).exec()));
  const ids = [...new Set(shipments.flat().map((s) => s.orderId))];
  if (ids.length === 0) return [];
  const orders = await db.orders.findByIds(ids).exec();
  return ids.flatMap((id) => {
    const d = orders.get(id);
    return d === undefined ? [] : [d.toMutableJSON()];
  });
}

/** The store's answers so far for an exact number, each part as it comes (useOrderSearch). */
export type ExactAnswer = {
  query: string;
  /** Orders with the number; null until answered (an empty list, and `error`, when it failed). */
  numbered: Order[] | null;
  /** Orders one of whose shipments has the tracking number; as above. */
  tracked: Order[] | null;
  error: string | null;
};

/** What the orders screen says about an exact lookup while the index is built. */
export type ExactLookupState = {
  /** Both parts (order numbers, tracking numbers) have answered, or failed. */
  complete: boolean;
  /** Why a part failed (a storage error), in its own words; null when none did. */
  error: string | null;
};

/**
 * The orders found so far for `query` and the state of its lookup: an order number shows while
 * tracking numbers are still looked up, and a lookup is complete only when both parts are in.
 * An answer for another query counts as none yet. No lookup applies to a query that is not a
 * number (`lookup` null): those wait for the index.
 */
export function exactLookupState(query: string, answer: ExactAnswer | null): { orders: Order[]; lookup: ExactLookupState | null } {
  if (!looksLikeNumber(query)) return { orders: [], lookup: null };
  const own = answer?.query === query ? answer : null;
  if (own === null) return { orders: [], lookup: { complete: false, error: null } };
  return {
    orders: uniqueOrders([...(own.numbered ?? []), ...(own.tracked ?? [])]),
    lookup: { complete: own.numbered !== null && own.tracked !== null, error: own.error },
  };
}

/** Each order once, in the order first seen. */
export function uniqueOrders(orders: readonly Order[]): Order[] {
  return [...new Map(orders.map((o) => [o.id, o])).values()];
}

/**
 * Every live document of a collection, straight from the storage (no RxDocuments, no query
 * cache), a page at a time along one of its indexes, `[_deleted, <field>, id]`, each page let
 * go before the next. One query for everything held every order at once.
 */
async function readPaged<C extends 'orders' | 'shipments'>(
  collection: PacklineCollection<C>,
  field: 'number' | 'trackingNumber',
  take: (page: DocOf<C>[]) => void,
): Promise<void> {
  const table = await dexieTableOf(collection.storageInstance.originalStorageInstance);
  if (table !== null) {
    // The storage keeps `_deleted` in its indexes as '0' or '1' (IndexedDB cannot index
    // booleans); each page starts after the last key read, and an array sorts after every
    // string in IndexedDB, so ['0', [], []] ends the live documents.
    const index = table.where(`[_deleted+${field}+id]`);
    let after: [string, string, string] = ['0', '', ''];
    for (;;) {
      const page: DocOf<C>[] = await index.between(after, ['0', [], []], false, true).limit(PAGE).toArray();
      take(page);
      const last = page.at(-1);
      if (page.length < PAGE || last === undefined) return;
      after = ['0', String(Reflect.get(last, field)), last.id];
    }
  }
  const schema = collection.schema.jsonSchema;
  const valueOf = (d: DocOf<C>): string => String(Reflect.get(d, field));
  let from = '';
  let lastId = '';
  let limit = PAGE;
  for (;;) {
    // The field is in the collection's schema; TypeScript cannot see it through the generic C.
    // oxlint-disable-next-line typescript/no-unsafe-type-assertion
    const mango = { selector: { _deleted: { $eq: false }, [field]: { $gte: from } }, sort: [{ [field]: 'asc' }, { id: 'asc' }], limit } as MangoQuery<DocOf<C>>;
    const { documents } = await collection.storageInstance.query(prepareQuery(schema, normalizeMangoQuery(schema, mango)));
    // `$gte` takes the last value again: drop the documents of it already taken.
    const fresh = documents.filter((d) => valueOf(d) !== from || d.id > lastId);
    take(fresh);
    if (documents.length < limit) return;
    const last = fresh.at(-1);
    if (last === undefined) {
      // A whole page shares one value: read a bigger one.
      limit *= 2;
      continue;
    }
    from = valueOf(last);
    lastId = last.id;
    limit = PAGE;
  }
}

type DexieTable = Awaited<RxStorageInstanceDexie<unknown>['internals']>['dexieTable'];

/**
 * The IndexedDB table under a storage instance of RxDB's Dexie storage (the app's store), or
 * null for any other storage. RxDB's Dexie query walks an index with a cursor, one IndexedDB
 * request per document; reading the same pages with getAll, one request per page, builds the
 * index about twice as fast at 100,000 orders.
 */
async function dexieTableOf(original: unknown): Promise<DexieTable | null> {
  if (!(original instanceof RxStorageInstanceDexie)) return null;
  const internals = await original.internals;
  return internals.dexieTable;
}
