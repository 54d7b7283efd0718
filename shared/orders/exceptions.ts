import type { ExplainedException, OrderEvent, OrderException, OrderExceptionValues, OrderLine } from '../schema/orders.ts';
import type { LineState } from './lines.ts';
import { firstOverLimit } from './log.ts';
import type { PaymentState } from './payments.ts';

/** Schema limits (OrderException.eventIds, Order.exceptions, Order.openExceptions). */
export const MAX_EVENT_IDS = 50;
export const MAX_EXCEPTIONS = 200;
export const MAX_OPEN_COUNT = 1000;

/** What each finder returns: every clash with the values a sentence about it needs. */
type Clash = Omit<OrderException, 'resolved'> & { values: OrderExceptionValues };
type Counted = { event: OrderEvent; qty: number };

/**
 * Semantic clashes that a union of events cannot settle, found in a canonical (deduped,
 * clock-ordered) log. Every id is `code:...:keyEventId` built only from ids, so all replicas
 * that saw the same events name an exception alike, and an `exception_resolved` event
 * written on one replica resolves it on all. The key event is the one that caused the clash
 * (for over-quantities: the event at which the running total, in clock order, first went
 * over); later events piling onto the same clash keep the id, so a resolution sticks.
 *
 * `eventIds` lists the key event first, then the other events involved in clock order,
 * capped at the schema's 50. Exceptions are sorted by id and capped at 200;
 * `open` counts every unresolved one found (capped at 1000), not just the listed ones.
 *
 * Each carries its `code` and the `values` a sentence about it needs (see OrderExceptionValues),
 * so a screen words it in its own language; `message` is the same in technical English, for
 * logs. `header` is the order's lines, to give a line's SKU.
 */
export function findExceptions(
  log: readonly OrderEvent[],
  lines: readonly LineState[],
  siteId: string,
  payments: readonly PaymentState[],
  header: readonly Pick<OrderLine, 'lineId' | 'sku'>[] = [],
): { exceptions: ExplainedException[]; open: number } {
  const clashes: Clash[] = [
    ...cancelledAndShipped(log),
    ...overQuantities(log, lines, header),
    ...wrongSite(log, siteId),
    ...overRefunded(log, payments),
  ];
  const resolvedIds = new Set<string>();
  for (const e of log) if (e.type === 'exception_resolved') resolvedIds.add(e.exceptionId);
  const all = clashes
    .map((c) => ({ ...c, resolved: resolvedIds.has(c.id) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const open = all.filter((x) => !x.resolved).length;
  return { exceptions: all.slice(0, MAX_EXCEPTIONS), open: Math.min(open, MAX_OPEN_COUNT) };
}

function involved(key: OrderEvent, others: readonly OrderEvent[]): string[] {
  const rest = others.filter((e) => e.id !== key.id).map((e) => e.id);
  return [key.id, ...rest].slice(0, MAX_EVENT_IDS);
}

/** Shipped although cancelled (e.g. cancelled at the office while a station shipped offline): one per shipment event. */
function cancelledAndShipped(log: readonly OrderEvent[]): Clash[] {
  const cancelled = log.filter((e) => e.type === 'cancelled');
  if (cancelled.length === 0) return [];
  const out: Clash[] = [];
  for (const e of log) {
    if (e.type !== 'shipped') continue;
    out.push({
      id: `cancelled_and_shipped:${e.id}`,
      code: 'cancelled_and_shipped',
      message: `Shipment ${e.shipmentId} went out although the order was cancelled`,
      values: { shipmentId: e.shipmentId, total: e.lines.reduce((n, l) => n + l.qty, 0) },
      eventIds: involved(e, cancelled),
    });
  }
  return out;
}

/** packed_twice, shipped_twice and over_returned: one per line whose total goes over its limit. */
function overQuantities(log: readonly OrderEvent[], lines: readonly LineState[], header: readonly Pick<OrderLine, 'lineId' | 'sku'>[]): Clash[] {
  const skus = new Map<string, string>();
  // A lineId repeated in the header (invalid, but possible): the first one names it.
  for (const l of header) if (!skus.has(l.lineId)) skus.set(l.lineId, l.sku);
  const packed = new Map<string, Counted[]>();
  const shipped = new Map<string, Counted[]>();
  const returned = new Map<string, Counted[]>();
  const add = (m: Map<string, Counted[]>, lineId: string, c: Counted) => {
    const list = m.get(lineId);
    if (list === undefined) m.set(lineId, [c]);
    else list.push(c);
  };
  for (const e of log) {
    if (e.type === 'packed') add(packed, e.lineId, { event: e, qty: e.qty });
    else if (e.type === 'return_received') add(returned, e.lineId, { event: e, qty: e.qty });
    else if (e.type === 'shipped') for (const l of e.lines) add(shipped, l.lineId, { event: e, qty: l.qty });
  }
  const out: Clash[] = [];
  for (const line of lines) {
    // Two different shipments each shipping the full line is a special case of "over ordered".
    const checks = [
      { code: 'packed_twice', items: packed.get(line.lineId), limit: line.ordered, total: line.packed, verb: 'packed', of: 'ordered' },
      { code: 'shipped_twice', items: shipped.get(line.lineId), limit: line.ordered, total: line.shipped, verb: 'shipped', of: 'ordered' },
      { code: 'over_returned', items: returned.get(line.lineId), limit: line.shipped, total: line.returned, verb: 'returned', of: 'shipped' },
    ] as const;
    const sku = skus.get(line.lineId);
    for (const c of checks) {
      if (c.items === undefined || c.total <= c.limit) continue;
      const tip = firstOverLimit(c.items, (x) => x.qty, c.limit);
      if (tip === undefined) continue;
      out.push({
        id: `${c.code}:${line.lineId}:${tip.event.id}`,
        code: c.code,
        message: `Line ${line.lineId}: ${c.total} ${c.verb} but ${c.limit} ${c.of}`,
        values: { lineId: line.lineId, ...(sku === undefined ? {} : { sku }), total: c.total, limit: c.limit },
        eventIds: involved(tip.event, c.items.map((x) => x.event)),
      });
    }
  }
  return out;
}

/**
 * Packed or shipped by a site other than the order's final fulfilling site: typically a
 * station that worked offline on an order a manager had moved elsewhere. One exception per
 * offending site, keyed by that site's first such event. A site that legitimately shipped
 * part of the order before a later reassignment is flagged too: the fold cannot tell that
 * from a clash, so a person confirms it by resolving.
 */
function wrongSite(log: readonly OrderEvent[], siteId: string): Clash[] {
  const bySite = new Map<string, OrderEvent[]>();
  for (const e of log) {
    if ((e.type !== 'packed' && e.type !== 'shipped') || e.siteId === siteId) continue;
    const list = bySite.get(e.siteId);
    if (list === undefined) bySite.set(e.siteId, [e]);
    else list.push(e);
  }
  const out: Clash[] = [];
  for (const [site, events] of bySite) {
    const first = events[0];
    if (first === undefined) continue;
    out.push({
      id: `wrong_site:${site}:${first.id}`,
      code: 'wrong_site',
      message: `Packed or shipped at site ${site}, but the order is fulfilled by site ${siteId}`,
      values: { siteId: site, orderSiteId: siteId },
      eventIds: involved(first, events),
    });
  }
  return out;
}

/** Refunded more than was captured, per payment (e.g. two agents refunded the same amount). */
function overRefunded(log: readonly OrderEvent[], payments: readonly PaymentState[]): Clash[] {
  const out: Clash[] = [];
  for (const p of payments) {
    if (p.refunded <= p.captured) continue;
    const refunds: { event: OrderEvent; amount: number }[] = [];
    const related: OrderEvent[] = [];
    for (const e of log) {
      if ((e.type === 'refunded' || e.type === 'payment_captured') && e.paymentId === p.paymentId) {
        related.push(e);
        if (e.type === 'refunded') refunds.push({ event: e, amount: e.amount });
      }
    }
    const tip = firstOverLimit(refunds, (r) => r.amount, p.captured);
    if (tip === undefined) continue;
    out.push({
      id: `over_refunded:${p.paymentId}:${tip.event.id}`,
      code: 'over_refunded',
      message: `Payment ${p.paymentId}: ${p.refunded} refunded but ${p.captured} captured`,
      values: { paymentId: p.paymentId, method: p.method, total: p.refunded, limit: p.captured },
      eventIds: involved(tip.event, related),
    });
  }
  return out;
}
