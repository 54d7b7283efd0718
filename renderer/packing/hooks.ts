import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import type { Order } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { useDb } from '../app/db-context.tsx';
import { useObservable } from '../app/use-observable.ts';
import type { PacklineDatabase } from '../db/database.ts';
import { subscribeScans } from '../scanner/bus.ts';
import { stationStorage } from '../app/station-storage.ts';
import { getStationClock } from '../session/clock.ts';
import { useSessionStore, type Station } from '../session/store.ts';
import type { PackContext } from './commands.ts';
import { indexProducts, type ProductIndex } from './scan.ts';
import { OWN_FLEET_PREFIX, stationNoOf, trackingSequence } from './tracking.ts';

/** One order, live; undefined while loading, null when this store does not have it. */
export function useOrder(orderId: string): Order | null | undefined {
  const db = useDb();
  return useObservable<Order | null | undefined>(() => db.orders.findOne(orderId).$.pipe(map((d) => d?.toMutableJSON() ?? null)), undefined, [db, orderId]);
}

export type Catalog = { index: ProductIndex; products: readonly Product[] };

/** The last catalog built per store, so the next pack screen starts with it instead of empty. */
const catalogs = new WeakMap<object, Catalog>();

/**
 * Every product, indexed by barcode and SKU, so a scan is judged without touching the store.
 * Null until the first load: a scan judged against an empty index would be "unknown".
 */
export function useProductIndex(): Catalog | null {
  const db = useDb();
  const [catalog, setCatalog] = useState<Catalog | null>(() => catalogs.get(db) ?? null);
  useEffect(() => {
    const sub = db.products.find().$.subscribe((docs) => {
      const products: Product[] = docs.map((d) => d.toMutableJSON());
      const next = { index: indexProducts(products), products };
      catalogs.set(db, next);
      setCatalog(next);
    });
    return () => sub.unsubscribe();
  }, [db]);
  return catalog;
}

export function useSite(siteId: string | undefined): Site | null {
  const db = useDb();
  const doc = useObservable(() => (siteId === undefined ? null : db.sites.findOne(siteId).$), null, [db, siteId]);
  return useMemo(() => (doc === null ? null : doc.toMutableJSON()), [doc]);
}

/** Who, where and with which clock and tracking numbers the pack commands write. */
export function usePackContext(): PackContext | null {
  const station = useSessionStore((s) => s.station);
  const staff = useSessionStore((s) => s.staff);
  return useMemo(() => {
    if (station === null) return null;
    return {
      clock: getStationClock(),
      deviceId: station.deviceId,
      siteId: station.siteId,
      staff: staff === null ? null : { id: staff.id, role: staff.role },
      tracking: trackingSequence(stationStorage(), OWN_FLEET_PREFIX, station.stationNo ?? stationNoOf(station.deviceId)),
    };
  }, [station, staff]);
}

/**
 * The order with this number at this site, or at any site the store holds when `siteId` is
 * null (an all-sites person looking an order up), if the store has it.
 */
export async function findOrderByNumber(db: Pick<PacklineDatabase<'orders'>, 'orders'>, siteId: string | null, number: string): Promise<string | null> {
  const doc = await db.orders.findOne({ selector: siteId === null ? { number } : { number, siteId } }).exec();
  return doc?.id ?? null;
}

/**
 * Where a scanned order number is looked up: a packer packs only their site's orders, so the
 * pack screens look at the station's site; on the orders screens a person signed in for all
 * sites (`principal: 'person'`, whose store holds every site's orders) finds any site's order,
 * as their orders list does. Undefined with no station.
 */
export function scanLookupSite(station: Pick<Station, 'siteId' | 'principal'> | null, opens: 'pack' | 'order' | 'none'): string | null | undefined {
  if (station === null) return undefined;
  return opens === 'order' && station.principal === 'person' ? null : station.siteId;
}

/** While a pack screen is open it handles every scan itself, order numbers included. */
let packScreens = 0;
export function usePackScreenClaim(): void {
  useEffect(() => {
    packScreens += 1;
    return () => {
      packScreens -= 1;
    };
  }, []);
}

/**
 * Scanning an order's number barcode anywhere opens it: its pack screen (`pack`), or its order
 * page (`order`, on the orders screens, where customer service looks orders up); `none` leaves
 * scans to the screen (Settings' scanner test). Mount once in the layout (or in the pack
 * queue). Returns the last number that matched no order, to show, and tells `onMissed` too.
 */
export function useOrderScanNavigation(opens: 'pack' | 'order' | 'none' = 'pack', onMissed?: (code: string) => void): string | null {
  const db = useDb();
  const navigate = useNavigate();
  const station = useSessionStore((s) => s.station);
  const siteId = scanLookupSite(station, opens);
  const [missed, setMissed] = useState<string | null>(null);
  const latest = useRef({ db, navigate, siteId, opens, onMissed });
  useEffect(() => {
    latest.current = { db, navigate, siteId, opens, onMissed };
  });
  useEffect(
    () =>
      subscribeScans((scan) => {
        const { db: d, navigate: nav, siteId: site, opens: target, onMissed: missedFn } = latest.current;
        if (packScreens > 0 || site === undefined || target === 'none') return;
        const miss = (): void => {
          setMissed(scan.code);
          missedFn?.(scan.code);
        };
        findOrderByNumber(d, site, scan.code).then((id) => {
          if (id === null) miss();
          else {
            setMissed(null);
            void (target === 'order' ? nav({ to: '/orders/$orderId', params: { orderId: id } }) : nav({ to: '/pack/$orderId', params: { orderId: id } }));
          }
        }, miss);
      }),
    [],
  );
  return missed;
}
