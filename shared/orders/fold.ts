import type { ExplainedException, Order, OrderDerived, OrderEvent, OrderStatus } from '../schema/orders.ts';
import { findExceptions } from './exceptions.ts';
import { tallyLines, type LineState } from './lines.ts';
import { canonicalLog } from './log.ts';
import { overallPaymentStatus, tallyPayments } from './payments.ts';

/** The fields the fold computes. `siteId` is among them but is also read as a fallback (below). */
export type OrderDerivedKey = keyof typeof OrderDerived;
export type OrderDerivedFields = Pick<Order, OrderDerivedKey>;

/**
 * What the fold needs: an order's header and events plus its `siteId` (the fallback used
 * when the log has no `created` event yet). Any stale derived fields a full Order carries
 * are accepted and ignored, so `foldOrder(order)` refolds a stored order.
 */
export type OrderInput = Omit<Order, Exclude<OrderDerivedKey, 'siteId'>> & Partial<Omit<OrderDerivedFields, 'siteId'>>;

/**
 * The order in canonical form: events deduped by id and sorted by (at, id), every derived
 * field recomputed from them. Deterministic: any permutation or duplication of the events
 * gives a deep-equal result. Keys the schema does not know (e.g. RxDB's `_deleted`) pass
 * through untouched.
 */
export function foldOrder(order: OrderInput): Order {
  const events = canonicalLog(order.events);
  // Stale derived fields are dropped by name; everything else (header, unknown keys) is kept.
  const { status: _s, lineState: _l, payments: _p, paymentStatus: _ps, onHold: _h, exceptions: _e, openExceptions: _o, ...header } = order;
  return { ...header, events, ...deriveFromLog(order, events) };
}

/** Only the derived fields, for callers that store or compare them separately. */
export function deriveOrder(order: OrderInput): OrderDerivedFields {
  return deriveFromLog(order, canonicalLog(order.events));
}

/**
 * An order's exceptions with the values a sentence about each needs (a shipment's id, a line's
 * SKU and counts, a site, amounts), for a screen to word them in its own language. Worked out
 * from the events like the stored ones, in the same order; the stored order keeps only what
 * its schema has.
 */
export function explainExceptions(order: OrderInput): ExplainedException[] {
  const log = canonicalLog(order.events);
  const siteId = fulfillingSite(log, order.siteId);
  return findExceptions(log, tallyLines(order.lines, log), siteId, tallyPayments(log), order.lines).exceptions;
}

function deriveFromLog(order: OrderInput, log: readonly OrderEvent[]): OrderDerivedFields {
  const siteId = fulfillingSite(log, order.siteId);
  const lineState = tallyLines(order.lines, log);
  const payments = tallyPayments(log);
  const onHold = isOnHold(log);
  const found = findExceptions(log, lineState, siteId, payments, order.lines);
  // The values are for screens (explainExceptions): the stored exception has none.
  const exceptions = found.exceptions.map(({ values: _values, ...stored }) => stored);
  const open = found.open;
  return {
    siteId,
    status: orderStatus(log, lineState, onHold),
    lineState,
    payments,
    paymentStatus: overallPaymentStatus(payments),
    onHold,
    exceptions,
    openExceptions: open,
  };
}

/**
 * The last `reassigned` event's target; else the first `created` event's site; else the
 * input's own siteId (an order whose creation has not reached this replica yet).
 */
function fulfillingSite(log: readonly OrderEvent[], fallback: string): string {
  let created: string | undefined;
  let reassigned: string | undefined;
  for (const e of log) {
    if (e.type === 'created') created ??= e.siteId;
    else if (e.type === 'reassigned') reassigned = e.toSiteId;
  }
  return reassigned ?? created ?? fallback;
}

/** On hold if the last hold / hold_released event in clock order is a hold. */
function isOnHold(log: readonly OrderEvent[]): boolean {
  let held = false;
  for (const e of log) {
    if (e.type === 'hold') held = true;
    else if (e.type === 'hold_released') held = false;
  }
  return held;
}

/**
 * Status precedence, first match wins:
 *  1. returned           something shipped and every shipped unit came back
 *  2. cancelled          a `cancelled` event and nothing shipped
 *  3. delivered          complete (below) and every shipment that shipped has a `delivered` event
 *  4. shipped            complete: every line shipped in full, or cancelled after part shipped
 *                        (the unshipped rest is what the cancellation cancelled)
 *  5. partially_shipped  something shipped
 *  6. on_hold            on hold (a hold never hides a shipment that already left)
 *  7. packed             every line packed in full
 *  8. picking            anything picked or packed
 *  9. ready              an `allocated` event
 * 10. pending
 * Cancellation outranks shipping only when nothing shipped; when both happened the shipment
 * is the physical truth and the clash is an exception.
 */
export function orderStatus(log: readonly OrderEvent[], lines: readonly LineState[], onHold: boolean): OrderStatus {
  let cancelled = false;
  let allocated = false;
  const shipments = new Set<string>();
  const delivered = new Set<string>();
  for (const e of log) {
    if (e.type === 'cancelled') cancelled = true;
    else if (e.type === 'allocated') allocated = true;
    else if (e.type === 'shipped') shipments.add(e.shipmentId);
    else if (e.type === 'delivered') delivered.add(e.shipmentId);
  }
  const anyShipped = lines.some((l) => l.shipped > 0);
  if (anyShipped && lines.every((l) => l.returned >= l.shipped)) return 'returned';
  if (cancelled && !anyShipped) return 'cancelled';
  const complete = anyShipped && (cancelled || lines.every((l) => l.shipped >= l.ordered));
  if (complete) return [...shipments].every((s) => delivered.has(s)) ? 'delivered' : 'shipped';
  if (anyShipped) return 'partially_shipped';
  if (onHold) return 'on_hold';
  if (lines.every((l) => l.packed >= l.ordered)) return 'packed';
  if (lines.some((l) => l.picked > 0 || l.packed > 0)) return 'picking';
  if (allocated) return 'ready';
  return 'pending';
}
