import type { Order, OrderEvent, PaymentMethod, PaymentStatus } from '../schema/orders.ts';

export type PaymentState = Order['payments'][number];

/**
 * The method shown for a payment whose authorization has not reached this replica yet
 * (a capture or refund can sync before it). The schema has no "unknown" method; the
 * authorization's method replaces this as soon as that event arrives.
 */
export const PLACEHOLDER_METHOD: PaymentMethod = 'card';

/**
 * Status of one payment from its amounts. Checked in this order:
 * - refunded:           refunded > 0 and refunded >= captured (a refund with nothing captured
 *                       is an over-refund, flagged by the fold; the money still went back)
 * - partially_refunded: refunded > 0 (and less than captured)
 * - captured:           captured > 0 and captured >= authorized
 * - partially_captured: captured > 0 (and less than authorized)
 * - authorized:         authorized > 0
 * - unpaid:             nothing at all
 */
export function paymentStatusOf(authorized: number, captured: number, refunded: number): PaymentStatus {
  if (refunded > 0) return refunded >= captured ? 'refunded' : 'partially_refunded';
  if (captured > 0) return captured >= authorized ? 'captured' : 'partially_captured';
  if (authorized > 0) return 'authorized';
  return 'unpaid';
}

/**
 * The order's payment status: the same rule applied to the totals over all its payments,
 * so one captured payment plus one only authorized is `partially_captured`, and one refunded
 * payment beside a captured one is `partially_refunded`. No payments: `unpaid`.
 */
export function overallPaymentStatus(payments: readonly PaymentState[]): PaymentStatus {
  let authorized = 0;
  let captured = 0;
  let refunded = 0;
  for (const p of payments) {
    authorized += p.authorized;
    captured += p.captured;
    refunded += p.refunded;
  }
  return paymentStatusOf(authorized, captured, refunded);
}

/**
 * One entry per paymentId, in order of the payment's first event in the (canonical, sorted)
 * log. Amounts are sums of their events: a second authorization adds to the first
 * (incremental authorization); the method is the first authorization's.
 */
export function tallyPayments(log: readonly OrderEvent[]): PaymentState[] {
  const byId = new Map<string, { method: PaymentMethod | undefined; authorized: number; captured: number; refunded: number }>();
  const get = (paymentId: string) => {
    let p = byId.get(paymentId);
    if (p === undefined) {
      p = { method: undefined, authorized: 0, captured: 0, refunded: 0 };
      byId.set(paymentId, p);
    }
    return p;
  };
  for (const e of log) {
    switch (e.type) {
      case 'payment_authorized': {
        const p = get(e.paymentId);
        p.method ??= e.method;
        p.authorized += e.amount;
        break;
      }
      case 'payment_captured':
        get(e.paymentId).captured += e.amount;
        break;
      case 'refunded':
        get(e.paymentId).refunded += e.amount;
        break;
      default:
        break;
    }
  }
  return [...byId].map(([paymentId, p]) => ({
    paymentId,
    method: p.method ?? PLACEHOLDER_METHOD,
    authorized: p.authorized,
    captured: p.captured,
    refunded: p.refunded,
    status: paymentStatusOf(p.authorized, p.captured, p.refunded),
  }));
}
