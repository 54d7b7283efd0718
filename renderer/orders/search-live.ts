import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { DocOf } from '../../shared/schema/collections.ts';
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { PacklineCollection, PacklineDatabase } from '../db/database.ts';
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

const live = new WeakMap<object, LiveOrderSearch>();

/**
 * The station's one search index over its local store, built on first use and then kept
 * current from the change streams, so every screen (and the benchmark) shares it.
 */
export function orderSearchFor(db: PacklineDatabase): LiveOrderSearch {
  let found = live.get(db);
  if (!found) {
    found = startLiveSearch(db);
    live.set(db, found);
  }
  return found;
}

function startLiveSearch(db: PacklineDatabase): LiveOrderSearch {
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
    const orders = await readAll(db.orders);
    const shipments = await readAll(db.shipments);
    index.bulkLoad(orders, shipments);
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
 * Every live document of a collection, read straight from the storage in one query: skipping
 * RxDocument creation keeps the first build to one pass of plain objects, and one query
 * instead of pages, because the Dexie storage re-reads its range for every page.
 */
async function readAll<C extends 'orders' | 'shipments'>(collection: PacklineCollection<C>): Promise<DocOf<C>[]> {
  const schema = collection.schema.jsonSchema;
  const query = normalizeMangoQuery<DocOf<C>>(schema, { selector: {} });
  const { documents } = await collection.storageInstance.query(prepareQuery(schema, query));
  // Deleted documents stay in the storage as tombstones until cleanup.
  return documents.filter((d) => !Reflect.get(d, '_deleted'));
}
