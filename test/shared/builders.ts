/**
 * Builders for schema-valid test documents. Every builder returns a document that passes
 * the TypeBox schema (checked in builders.test.ts); pass overrides for what a test cares about.
 */
import { makeTrackingNumber } from '../../shared/barcodes/tracking.ts';
import { formatHlc } from '../../shared/clock/hlc.ts';
import { foldOrder, type OrderInput } from '../../shared/orders/fold.ts';
import { foldShipment, type ShipmentInput } from '../../shared/shipments/fold.ts';
import type { Movement } from '../../shared/schema/movements.ts';
import type { Order, OrderEvent } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Shipment, ShipmentEvent } from '../../shared/schema/shipments.ts';

export const SITE_A = 'site-a';
export const SITE_B = 'site-b';
export const SITE_C = 'site-c';

/** A fixed epoch so stamps are readable and stable: stamp(5) is 5 ms after it. */
export const EPOCH_MS = 1_750_000_000_000;

export function stamp(ms: number, node = 'n1', counter = 0): string {
  return formatHlc({ ms: EPOCH_MS + ms, counter, node });
}

type ActorKeys = 'id' | 'at' | 'deviceId' | 'siteId' | 'staffId';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An order event without its id and actor fields, e.g. `{ type: 'packed', lineId: 'L1', qty: 1 }`. */
export type OrderEventSpec = DistributiveOmit<OrderEvent, ActorKeys>;
export type EventMeta = { id?: string; at?: string; siteId?: string; deviceId?: string; staffId?: string };
type Actor = { id: string; at: string; deviceId: string; siteId: string; staffId?: string };

let counter = 0;

/** Ids `ev-1`, `ev-2`, … and stamps 1 ms apart, unless given. */
function actor(meta: EventMeta): Actor {
  counter += 1;
  const base = { id: meta.id ?? `ev-${counter}`, at: meta.at ?? stamp(counter), deviceId: meta.deviceId ?? 'dev-1', siteId: meta.siteId ?? SITE_A };
  return meta.staffId === undefined ? base : { ...base, staffId: meta.staffId };
}

export function orderEvent<S extends OrderEventSpec>(spec: S, meta: EventMeta = {}): Actor & S {
  return { ...actor(meta), ...spec };
}

export function shipmentEvent(type: ShipmentEvent['type'], meta: EventMeta = {}): ShipmentEvent {
  return { ...actor(meta), type };
}

export const LINES: Order['lines'] = [
  { lineId: 'L1', productId: 'prod-1', sku: 'MUG-BLUE', name: 'Blue mug', quantity: 2, unitPrice: 1250 },
  { lineId: 'L2', productId: 'prod-2', sku: 'TEA-EARL', name: 'Earl Grey, 100 g', quantity: 1, unitPrice: 690 },
];

/** The header of an order at site A with two lines (L1 × 2, L2 × 1) and only a `created` event. */
export function orderInput(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    id: 'order-1',
    number: 'PL-100001',
    channel: 'web',
    customerName: 'Ada Lovelace',
    email: 'ada@example.com',
    currency: 'EUR',
    lines: LINES,
    shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    shippingMethod: 'standard',
    priority: 0,
    shipBy: '2025-07-01',
    createdAt: stamp(0),
    hlc: stamp(0),
    siteId: SITE_A,
    events: [orderEvent({ type: 'created' }, { id: 'ev-created', at: stamp(0) })],
    ...overrides,
  };
}

/** A schema-valid, folded Order: `buildOrder({ events: [...] })`. */
export function buildOrder(overrides: Partial<OrderInput> = {}): Order {
  return foldOrder(orderInput(overrides));
}

/** An order whose events are the `created` event followed by `events`. */
export function orderWith(events: readonly OrderEvent[], overrides: Partial<OrderInput> = {}): Order {
  const created = orderEvent({ type: 'created' }, { id: 'ev-created', at: stamp(0) });
  return buildOrder({ events: [created, ...events], ...overrides });
}

export function buildShipment(overrides: Partial<ShipmentInput> = {}): Shipment {
  return foldShipment({
    id: 'shipment-1',
    orderId: 'order-1',
    siteId: SITE_A,
    carrier: 'own-fleet',
    service: 'next-day',
    trackingNumber: makeTrackingNumber('PL', 1, 1),
    packages: [
      {
        packageId: 'pkg-1',
        box: 'S',
        weightGrams: 850,
        dimensions: { lengthMm: 300, widthMm: 200, heightMm: 100 },
        lines: [{ lineId: 'L1', sku: 'MUG-BLUE', qty: 2 }],
      },
    ],
    hlc: stamp(0),
    events: [shipmentEvent('created', { id: 'sev-created', at: stamp(0) })],
    ...overrides,
  });
}

export function buildMovement(overrides: Partial<Movement> = {}): Movement {
  return {
    id: 'mv-1',
    kind: 'receipt',
    productId: 'prod-1',
    sku: 'MUG-BLUE',
    quantity: 10,
    at: stamp(0),
    deviceId: 'dev-1',
    siteId: SITE_A,
    ...overrides,
  };
}

export function buildProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 'prod-1',
    sku: 'MUG-BLUE',
    name: 'Blue mug',
    barcodes: [{ type: 'EAN13', value: '4006381333931' }],
    weightGrams: 350,
    dimensions: { lengthMm: 120, widthMm: 90, heightMm: 100 },
    bins: [{ siteId: SITE_A, bin: 'A-03-2' }],
    active: true,
    hlc: stamp(0),
    ...overrides,
  };
}
