import type { Movement } from '../../shared/schema/movements.ts';
import type { Order, OrderEvent } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import { foldShipment } from '../../shared/shipments/fold.ts';
import type { BoxSize } from './boxes.ts';
import { isFullyPacked, isPackable } from './scan.ts';

/** Our own delivery fleet: numbers are minted at the station, so shipping never waits on a carrier API. */
export const OWN_FLEET_CARRIER = 'packline-fleet';

/** Who and where, as stamped on every event and movement. */
export type Stamper = { tick(): string; newId(): string; deviceId: string; siteId: string; staffId?: string };

/** Everything "Complete and ship" writes, decided up front so a retry writes the very same documents. */
export type CompletionPlan = { orderId: string; events: OrderEvent[]; shipment: Shipment; movements: Movement[] };

export type PlanError = 'order_not_packable' | 'not_fully_packed' | 'bad_weight';

export type PlanInput = {
  order: Order;
  session: ReadonlyMap<string, number>;
  box: BoxSize;
  weightGrams: number;
  trackingNumber: string;
  /** Movements already written for this order (any kind), to see what is still reserved. */
  orderMovements: readonly Pick<Movement, 'kind' | 'sku' | 'quantity'>[];
};

function actor(s: Stamper): { id: string; at: string; deviceId: string; siteId: string; staffId?: string } {
  const base = { id: s.newId(), at: s.tick(), deviceId: s.deviceId, siteId: s.siteId };
  return s.staffId === undefined ? base : { ...base, staffId: s.staffId };
}

/** Units of a SKU still reserved for the order: reservations less releases and shipments. */
function openReservation(movements: PlanInput['orderMovements'], sku: string): number {
  let open = 0;
  for (const m of movements) {
    if (m.sku !== sku) continue;
    if (m.kind === 'reservation') open += m.quantity;
    else if (m.kind === 'release' || m.kind === 'ship') open -= m.quantity;
  }
  return Math.max(0, open);
}

/**
 * The documents that ship an order in one package: a `packed` event per line this session
 * packed, one `shipped` event, the shipment, and per line a `ship` movement, preceded by a
 * `reservation` for whatever was never reserved, so on-hand and reserved both come out right.
 */
export function planCompletion(input: PlanInput, s: Stamper): CompletionPlan | { error: PlanError } {
  const { order, session, box, weightGrams } = input;
  if (!isPackable(order)) return { error: 'order_not_packable' };
  if (!isFullyPacked(order, session)) return { error: 'not_fully_packed' };
  if (!Number.isInteger(weightGrams) || weightGrams <= 0 || weightGrams > 1_000_000) return { error: 'bad_weight' };

  const shipmentId = s.newId();
  const packageId = s.newId();
  const events: OrderEvent[] = [];
  const shipLines: { lineId: string; sku: string; productId: string; qty: number }[] = [];
  for (const line of order.lines) {
    const state = order.lineState.find((l) => l.lineId === line.lineId);
    const now = session.get(line.lineId) ?? 0;
    if (now > 0) events.push({ ...actor(s), type: 'packed', lineId: line.lineId, qty: now, packageId });
    const qty = (state?.packed ?? 0) + now - (state?.shipped ?? 0);
    if (qty > 0) shipLines.push({ lineId: line.lineId, sku: line.sku, productId: line.productId, qty });
  }
  if (shipLines.length === 0) return { error: 'not_fully_packed' };
  events.push({ ...actor(s), type: 'shipped', shipmentId, lines: shipLines.map(({ lineId, qty }) => ({ lineId, qty })) });

  const created = actor(s);
  const shipment = foldShipment({
    id: shipmentId,
    orderId: order.id,
    siteId: s.siteId,
    carrier: OWN_FLEET_CARRIER,
    service: order.shippingMethod,
    trackingNumber: input.trackingNumber,
    packages: [{ packageId, box: box.code, weightGrams, dimensions: box.dimensions, lines: shipLines.map(({ lineId, sku, qty }) => ({ lineId, sku, qty })) }],
    hlc: created.at,
    events: [{ ...created, type: 'created' }],
  });

  const movements: Movement[] = [];
  // Two lines of one SKU share its reservation: what the first line uses is gone for the second.
  const open = new Map<string, number>();
  for (const l of shipLines) {
    const reserved = open.get(l.sku) ?? openReservation(input.orderMovements, l.sku);
    const missing = l.qty - reserved;
    open.set(l.sku, Math.max(0, reserved - l.qty));
    const base = { productId: l.productId, sku: l.sku, orderId: order.id };
    if (missing > 0) movements.push({ ...actor(s), ...base, kind: 'reservation', quantity: missing });
    movements.push({ ...actor(s), ...base, kind: 'ship', quantity: l.qty });
  }
  return { orderId: order.id, events, shipment, movements };
}
