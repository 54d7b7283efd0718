import { map } from 'rxjs';
import type { Shipment } from '../../shared/schema/shipments.ts';
import { useDb } from './db-context.tsx';
import { useObservable } from './use-observable.ts';

/**
 * An order's shipments from the local store, live (one synced down from another station shows
 * up when it arrives); null while the first query runs, so "none yet" is not said too early.
 * The order page and the pack screen's read-only panel both show them.
 */
export function useOrderShipments(orderId: string): readonly Shipment[] | null {
  const db = useDb();
  return useObservable<readonly Shipment[] | null>(
    () => db.shipments.find({ selector: { orderId } }).$.pipe(map((docs): readonly Shipment[] => docs.map((d) => d.toMutableJSON()))),
    null,
    [db, orderId],
  );
}
