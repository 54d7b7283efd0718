import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { map, type Observable } from 'rxjs';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { useDb } from '../app/db-context.tsx';
import { useSessionStore, type Locale } from '../session/store.ts';
import type { OrderSummary } from './search-index.ts';
import { orderSearchFor } from './search-live.ts';

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
  ready: boolean;
  ids: readonly string[];
  /** The row of a result from the index's own copy: no document read before a row shows. */
  rowOf: (id: string) => OrderSummary | undefined;
};

/** Order ids matching the query, re-run whenever the index takes in a change. */
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
  // `version` is in the list so a change to an order re-runs the query and re-reads its row.
  return useMemo(() => {
    const ready = search.isReady();
    return { ready, ids: ready ? search.index.search(query) : [], rowOf: (id: string) => search.index.summaryOf(id) };
  }, [search, query, version]);
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
