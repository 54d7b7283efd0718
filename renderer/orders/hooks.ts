import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { map, type Observable } from 'rxjs';
import type { Order } from '../../shared/schema/orders.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { useDb } from '../app/db-context.tsx';
import { useSessionStore, type Locale } from '../session/store.ts';
import { looksLikeNumber, orderSummary, type OrderSummary } from './search-index.ts';
import { exactLookupState, orderSearchFor, ordersNumbered, ordersTracked, type ExactAnswer, type ExactLookupState } from './search-live.ts';

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
   * While the index is built, a query that looks like a number is looked up exactly (order and
   * tracking number) in the store; null when no such lookup applies (the index is ready, or the
   * query is not a number).
   */
  lookup: ExactLookupState | null;
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
  const lookup = useExactLookup(db, ready || !looksLikeNumber(query) ? '' : query);
  // `version` is in the list so a change to an order re-runs the query and re-reads its row.
  return useMemo((): SearchState => {
    if (ready) return { ready, indexed: search.index.size, ids: search.index.search(query), lookup: null, rowOf: (id: string) => search.index.summaryOf(id) };
    const { orders, lookup: state } = exactLookupState(query, lookup);
    const rows = new Map(orders.map((o) => [o.id, orderSummary(o)]));
    return { ready, indexed: search.indexed(), ids: [...rows.keys()], lookup: state, rowOf: (id: string) => rows.get(id) };
  }, [search, query, version, ready, lookup]);
}

/**
 * The store's answers for an exact number, each part as it comes: an order number shows while
 * the tracking numbers are still being looked up. Null for ''.
 */
function useExactLookup(db: Parameters<typeof ordersNumbered>[0], query: string): ExactAnswer | null {
  const [answer, setAnswer] = useState<ExactAnswer | null>(null);
  useEffect(() => {
    if (query === '') return undefined;
    let current = true;
    // An answer for another query counts as none (useOrderSearch compares queries).
    const update = (change: (a: ExactAnswer) => ExactAnswer): void => {
      if (current) setAnswer((a) => change(a?.query === query ? a : { query, numbered: null, tracked: null, error: null }));
    };
    const settle = (part: 'numbered' | 'tracked', lookup: Promise<Order[]>): void => {
      lookup.then(
        (orders) => update((a) => ({ ...a, [part]: orders })),
        (err: unknown) => {
          // Said on screen: the exact line would otherwise claim nothing matched.
          const error = err instanceof Error ? err.message : String(err);
          update((a) => ({ ...a, [part]: [], error: a.error ?? error }));
        },
      );
    };
    settle('numbered', ordersNumbered(db, query));
    settle('tracked', ordersTracked(db, query));
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
