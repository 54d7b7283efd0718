import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { map, type Observable } from 'rxjs';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { useDb } from '../app/db-context.tsx';
import { useSessionStore, type Locale } from '../session/store.ts';
import { looksLikeNumber, orderSummary, type OrderSummary } from './search-index.ts';
import { orderSearchFor, ordersWithNumber } from './search-live.ts';

/** The latest value of an observable made from `deps`; `initial` until it first emits. */
function useObservable<T>(make: () => Observable<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = make().subscribe(setValue);
    return () => sub.unsubscribe();
    // The caller lists what the observable depends on.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/** The UI language, so money and dates re-render when it changes. */
export function useLocale(): Locale {
  return useSessionStore((s) => s.locale);
}

export type SearchState = {
  /** Whether the index holds every stored order; until then only exact numbers are looked up. */
  ready: boolean;
  /** Orders indexed so far (every one once ready). */
  indexed: number;
  ids: readonly string[];
  /**
   * While the index is built, a query that looks like a number is looked up exactly (order or
   * tracking number) in the store: true once that answer is in `ids`.
   */
  exact: boolean;
  /** The row of a result from the index's own copy: no document read before a row shows. */
  rowOf: (id: string) => OrderSummary | undefined;
};

/**
 * Order ids matching the query, re-run whenever the index takes in a change. Until the index
 * is ready, a number (as typed or scanned) is still answered, from the store's own indexes.
 */
export function useOrderSearch(query: string): SearchState {
  const db = useDb();
  const search = orderSearchFor(db);
  const version = useSyncExternalStore(
    (notify) => {
      const sub = search.version$.subscribe(() => notify());
      return () => sub.unsubscribe();
    },
    () => search.version$.value,
  );
  const ready = search.isReady();
  const exact = useExactLookup(db, ready || !looksLikeNumber(query) ? '' : query);
  // `version` is in the list so a change to an order re-runs the query and re-reads its row.
  return useMemo((): SearchState => {
    if (ready) return { ready, indexed: search.index.size, ids: search.index.search(query), exact: false, rowOf: (id: string) => search.index.summaryOf(id) };
    const found = exact?.query === query ? exact.orders : null;
    const rows = new Map((found ?? []).map((o) => [o.id, orderSummary(o)]));
    return { ready, indexed: search.indexed(), ids: [...rows.keys()], exact: found !== null, rowOf: (id: string) => rows.get(id) };
  }, [search, query, version, ready, exact]);
}

/** The store's answer for an exact number (ordersWithNumber); null for '' and until it comes. */
function useExactLookup(db: Parameters<typeof ordersWithNumber>[0], query: string): { query: string; orders: Order[] } | null {
  const [answer, setAnswer] = useState<{ query: string; orders: Order[] } | null>(null);
  useEffect(() => {
    if (query === '') return undefined;
    let current = true;
    ordersWithNumber(db, query).then(
      (orders) => {
        if (current) setAnswer({ query, orders });
      },
      () => {
        // The index answers once it is built; a failed lookup only leaves the exact line out.
      },
    );
    return () => {
      current = false;
    };
  }, [db, query]);
  return query === '' ? null : answer;
}

/** One order, kept current: undefined while loading, null when this store does not hold it. */
export function useOrder(orderId: string): Order | null | undefined {
  const db = useDb();
  return useObservable(
    () => db.orders.findOne(orderId).$.pipe(map((d): Order | null | undefined => (d ? (d.toMutableJSON()) : null))),
    [db, orderId],
    undefined,
  );
}

export function useShipmentsOf(orderId: string): readonly Shipment[] {
  const db = useDb();
  return useObservable(
    () => db.shipments.find({ selector: { orderId } }).$.pipe(map((docs): readonly Shipment[] => docs.map((d) => d.toMutableJSON()))),
    [db, orderId],
    [],
  );
}

/** Sites by id: a handful of reference documents. */
export function useSites(): ReadonlyMap<string, Site> {
  const db = useDb();
  return useObservable(
    () => db.sites.find().$.pipe(map((docs): ReadonlyMap<string, Site> => new Map(docs.map((d) => [d.id, d.toMutableJSON()])))),
    [db],
    new Map(),
  );
}

/** Staff names by id, for "who" in the timeline. */
export function useStaffNames(): ReadonlyMap<string, string> {
  const db = useDb();
  return useObservable(
    () => db.staff.find().$.pipe(map((docs): ReadonlyMap<string, string> => new Map(docs.map((d) => [d.id, d.name])))),
    [db],
    new Map(),
  );
}
