/**
 * What the pack screen may offer for an order: packing controls, or a read-only panel, and why
 * "Complete and ship" cannot go yet. Pure, so the rules are tested without a screen.
 */
import { compareHlc } from '../../shared/clock/hlc.ts';
import type { Order, OrderStatus } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';

/** Why "Complete and ship" (Ctrl+Enter) cannot go yet: said to the packer instead of doing nothing. */
export type CompleteRefusal = 'not_fully_packed' | 'bad_weight';

/** Null when the order can be shipped now; else what the packer has left to do, items first. */
export function completeRefusal(fullyPacked: boolean, weightGrams: number): CompleteRefusal | null {
  if (!fullyPacked) return 'not_fully_packed';
  return Number.isInteger(weightGrams) && weightGrams > 0 ? null : 'bad_weight';
}

/**
 * The status that keeps an order from being packed, as the packer should read it: an order put
 * on hold keeps its status ("ready") underneath the flag, and "it is ready" would not say why.
 */
export function blockingStatus(order: Pick<Order, 'status' | 'onHold'>): OrderStatus {
  return order.onHold ? 'on_hold' : order.status;
}

const SHIPPED_STATES: ReadonlySet<OrderStatus> = new Set(['partially_shipped', 'shipped', 'delivered', 'returned']);

/** True for the statuses an order only reaches after a shipment left: its paperwork can be printed again. */
export function hasShipped(order: Pick<Order, 'status'>): boolean {
  return SHIPPED_STATES.has(order.status);
}

/**
 * What the read-only panel says after why the order cannot be packed: part shipped (the rest
 * is a lead's call, on the order page), shipped (only the paperwork can be printed again), or
 * neither (go on to another order).
 */
export function readOnlySentence(order: Pick<Order, 'status'>, shipmentsHere: number): 'pack.readOnlyPartial' | 'pack.readOnlyShipped' | 'pack.readOnlyOther' {
  if (order.status === 'partially_shipped') return 'pack.readOnlyPartial';
  return hasShipped(order) || shipmentsHere > 0 ? 'pack.readOnlyShipped' : 'pack.readOnlyOther';
}

/** A voided shipment's label must not go on a parcel again. */
export function canReprint(shipment: Pick<Shipment, 'status'>): boolean {
  return shipment.status !== 'voided';
}

/** The order's shipments, newest first (the one a re-scan is most likely about), voided ones last. */
export function shipmentsToShow<S extends Pick<Shipment, 'status' | 'hlc'>>(shipments: readonly S[]): S[] {
  return shipments.toSorted((a, b) => Number(canReprint(b)) - Number(canReprint(a)) || compareHlc(b.hlc, a.hlc));
}
