import type { Shipment, ShipmentEvent, ShipmentStatus } from '../schema/shipments.ts';
import { canonicalLog } from '../orders/log.ts';

/** A shipment's header and events; a stale `status` may be present and is recomputed. */
export type ShipmentInput = Omit<Shipment, 'status'> & { status?: ShipmentStatus };

/**
 * The shipment in canonical form: events deduped by id, sorted by (at, id), status refolded.
 * Keys the schema does not know (e.g. RxDB's `_deleted`) pass through.
 */
export function foldShipment(shipment: ShipmentInput): Shipment {
  const events = canonicalLog(shipment.events);
  return { ...shipment, events, status: shipmentStatus(events) };
}

/**
 * The type of the last event in clock order, except that two states are final whatever a
 * late or skewed event says afterwards: `voided` always wins (a voided label must never be
 * used again), and `delivered` wins over everything but `voided` (a carrier scan arriving
 * out of order must not turn a delivered parcel back into "in transit").
 * No events yet: `created`.
 */
export function shipmentStatus(log: readonly ShipmentEvent[]): ShipmentStatus {
  let status: ShipmentStatus = 'created';
  let delivered = false;
  for (const e of log) {
    if (e.type === 'voided') return 'voided';
    if (e.type === 'delivered') delivered = true;
    status = e.type;
  }
  return delivered ? 'delivered' : status;
}
