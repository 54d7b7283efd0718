/**
 * fast-check generators for the shared domain: orders with random event logs (small value
 * domains on purpose, so clashes, equal stamps and over-quantities are frequent), and
 * helpers that permute and duplicate logs.
 */
import * as fc from 'fast-check';
import type { Movement, MovementKind } from '../../shared/schema/movements.ts';
import type { OrderEvent, OrderLine, PaymentMethod } from '../../shared/schema/orders.ts';
import { SITE_A, SITE_B, SITE_C, stamp, type OrderEventSpec } from './builders.ts';

export const SITES = [SITE_A, SITE_B, SITE_C] as const;

/** The seed every randomised test runs with; printed so a failure can be replayed with FC_SEED. */
export function fcSeed(): number {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  console.log('fast-check seed', seed);
  return seed;
}

export const stampArb = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom('n1', 'n2', 'n3'), fc.integer({ min: 0, max: 1 }))
  .map(([ms, node, c]) => stamp(ms, node, c));

export const linesArb: fc.Arbitrary<OrderLine[]> = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
  .map((qtys) =>
    qtys.map((quantity, i) => ({ lineId: `L${i + 1}`, productId: `prod-${i + 1}`, sku: `SKU-${i + 1}`, name: `Item ${i + 1}`, quantity, unitPrice: 100 * (i + 1) })),
  );

/** Line ids the events pick from: mostly real lines, sometimes one the header does not have. */
const lineIdArb = fc.constantFrom('L1', 'L1', 'L2', 'L3', 'LX');
const qtyArb = fc.integer({ min: 1, max: 3 });
const shipmentArb = fc.constantFrom('shp-1', 'shp-2', 'shp-3');
const paymentArb = fc.constantFrom('pay-1', 'pay-2');
const amountArb = fc.constantFrom(0, 500, 1000, 1500);
const methodArb = fc.constantFrom<PaymentMethod>('card', 'paypal', 'gift_card');

export const eventSpecArb: fc.Arbitrary<OrderEventSpec> = fc.oneof(
  fc.constant<OrderEventSpec>({ type: 'created' }),
  fc.constant<OrderEventSpec>({ type: 'allocated' }),
  fc.record({ type: fc.constant('picked' as const), lineId: lineIdArb, qty: qtyArb }),
  fc.record({ type: fc.constant('packed' as const), lineId: lineIdArb, qty: qtyArb }),
  fc.record({
    type: fc.constant('shipped' as const),
    shipmentId: shipmentArb,
    lines: fc.uniqueArray(fc.record({ lineId: lineIdArb, qty: qtyArb }), { minLength: 1, maxLength: 3, selector: (l) => l.lineId }),
  }),
  fc.record({ type: fc.constant('delivered' as const), shipmentId: shipmentArb }),
  fc.constant<OrderEventSpec>({ type: 'hold', reason: 'address check' }),
  fc.constant<OrderEventSpec>({ type: 'hold_released' }),
  fc.constant<OrderEventSpec>({ type: 'cancel_requested', reason: 'customer asked' }),
  fc.constant<OrderEventSpec>({ type: 'cancelled', reason: 'customer asked' }),
  fc.record({ type: fc.constant('reassigned' as const), toSiteId: fc.constantFrom(...SITES) }),
  fc.record({
    type: fc.constant('return_received' as const),
    lineId: lineIdArb,
    qty: qtyArb,
    reason: fc.constant('too small'),
    condition: fc.constantFrom('resellable' as const, 'damaged' as const, 'defective' as const),
  }),
  fc.record({ type: fc.constant('payment_authorized' as const), paymentId: paymentArb, method: methodArb, amount: amountArb }),
  fc.record({ type: fc.constant('payment_captured' as const), paymentId: paymentArb, amount: amountArb }),
  fc.record({ type: fc.constant('refunded' as const), paymentId: paymentArb, amount: amountArb }),
  fc.constant<OrderEventSpec>({ type: 'note', text: 'called the customer' }),
);

/**
 * A log of distinct events (ids e0, e1, …) with random stamps, sites and devices. Cloned into
 * plain objects: fc.record makes null-prototype ones, which strict equality tells apart.
 */
export const eventsArb: fc.Arbitrary<OrderEvent[]> = fc
  .array(fc.tuple(eventSpecArb, stampArb, fc.constantFrom(...SITES)), { maxLength: 30 })
  .map((rows) => structuredClone(rows.map(([spec, at, siteId], i): OrderEvent => ({ ...spec, id: `e${i}`, at, deviceId: `dev-${siteId}`, siteId }))));

/** The same items, reordered, some of them repeated (as deep copies, like events arriving twice over the wire). */
export function permutedWithDuplicates<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc
    .subarray([...items])
    .chain((dups) => {
      const all = [...items, ...dups.map((d) => structuredClone(d))];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });
}

const movementKindArb = fc.constantFrom<MovementKind>(
  'receipt', 'reservation', 'release', 'ship', 'adjustment', 'transfer_out', 'transfer_in', 'return_restock', 'count_correction',
);

/** Valid movements (ids m0, m1, …): positive quantities, non-zero signed ones for corrections. */
export const movementsArb: fc.Arbitrary<Movement[]> = fc
  .array(
    fc.tuple(movementKindArb, fc.integer({ min: 1, max: 50 }), fc.boolean(), fc.constantFrom(SITE_A, SITE_B), fc.constantFrom('SKU-1', 'SKU-2', 'SKU-3'), stampArb),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map(([kind, qty, negative, siteId, sku, at], i): Movement => ({
      id: `m${i}`,
      kind,
      productId: `prod-${sku}`,
      sku,
      quantity: (kind === 'adjustment' || kind === 'count_correction') && negative ? -qty : qty,
      at,
      deviceId: `dev-${siteId}`,
      siteId,
    })),
  );
