import { getChangedDocumentsSince } from 'rxdb';
import type { DocOf } from '../../shared/schema/collections.ts';
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { PacklineCollection } from '../db/database.ts';
import { OrderSearchIndex } from './search-index.ts';

export type LiveOrderSearch = {
  readonly index: OrderSearchIndex;
  /** Bumps on every change applied after the initial load; screens re-run their query on it. */
  readonly version$: BehaviorSubject<number>;
  /** Resolves once every stored order and shipment is indexed. */
  readonly ready: Promise<void>;
  isReady(): boolean;
  close(): void;
};

/** What the index reads: a station's whole store, or any store holding these two collections. */
type SearchDb = { readonly orders: PacklineCollection<'orders'>; readonly shipments: PacklineCollection<'shipments'> };

const live = new WeakMap<object, LiveOrderSearch>();
/** Documents per storage read while the index is built: a few MB of orders at a time. */
const PAGE = 2000;

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
  const apply = (fn: () => void): void => {
    if (!loaded) {
      queued.push(fn);
      return;
    }
    fn();
    version$.next(version$.value + 1);
  };
  const subs: Subscription[] = [
    db.orders.$.subscribe((e) => apply(() => (e.operation === 'DELETE' ? index.removeOrder(e.documentId) : index.setOrder(e.documentData)))),
    db.shipments.$.subscribe((e) => apply(() => (e.operation === 'DELETE' ? index.removeShipment(e.documentId) : index.setShipment(e.documentData)))),
  ];
  const ready = (async () => {
    await readPaged(db.orders, (page) => index.bulkLoad(page));
    await readPaged(db.shipments, (page) => index.bulkLoad([], page));
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
    close() {
      for (const s of subs) s.unsubscribe();
      version$.complete();
    },
  };
}

/**
 * Every live document of a collection, straight from the storage (no RxDocuments, no query
 * cache), a page at a time in the order of their last write: the storage's own
 * `[_meta.lwt, id]` index walk, which stops at the page size, so each page is read once and
 * let go before the next. One query for everything would hold every document at once.
 */
async function readPaged<C extends 'orders' | 'shipments'>(collection: PacklineCollection<C>, take: (page: DocOf<C>[]) => void): Promise<void> {
  let checkpoint: unknown;
  for (;;) {
    const got = await getChangedDocumentsSince(collection.storageInstance, PAGE, checkpoint);
    // Deleted documents stay in the storage as tombstones until cleanup.
    take(got.documents.filter((d) => !Reflect.get(d, '_deleted')));
    if (got.documents.length < PAGE) return;
    checkpoint = got.checkpoint;
  }
}
