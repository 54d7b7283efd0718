import { makeTrackingNumber } from '../../shared/barcodes/tracking.ts';
import { formatHlc } from '../../shared/clock/hlc.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import type { Order, OrderEvent, OrderLine, PaymentMethod } from '../../shared/schema/orders.ts';
import type { Shipment, ShipmentEvent } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import type { Staff } from '../../shared/schema/staff.ts';
import { foldShipment } from '../../shared/shipments/fold.ts';
import type { DemoCustomer, DemoProduct } from './catalog.ts';
import type { Rng } from './prng.ts';

type State = 'pending' | 'ready' | 'picking' | 'packed' | 'on_hold' | 'partially_shipped' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

const STATES: readonly (readonly [State, number])[] = [
  ['pending', 3], ['ready', 24], ['picking', 7], ['packed', 8], ['on_hold', 3], ['partially_shipped', 2],
  ['shipped', 20], ['delivered', 23], ['cancelled', 6], ['returned', 4],
];
/** How long ago orders in each state were placed, in days: open work is recent, history is older. */
const AGE_DAYS: Record<State, readonly [number, number]> = {
  pending: [0, 1], ready: [0, 2], picking: [0, 2], packed: [0, 3], on_hold: [1, 5], partially_shipped: [1, 5],
  shipped: [1, 3], delivered: [4, 14], cancelled: [2, 12], returned: [9, 14],
};
const CARRIERS: Record<string, readonly (readonly [string, string])[]> = {
  ES: [['SEUR', '24h'], ['Correos Express', 'paq24']],
  IT: [['BRT', 'express'], ['Poste Italiane', 'crono']],
  GB: [['Royal Mail', 'tracked48'], ['DPD', 'next-day']],
};
const PAYMENTS: readonly (readonly [PaymentMethod, number])[] = [['card', 60], ['paypal', 20], ['cash_on_delivery', 8], ['bank_transfer', 6], ['gift_card', 6]];
const HOLD_REASONS = ['address check', 'payment review', 'customer asked to wait'];
const CANCEL_REASONS = ['customer request', 'out of stock', 'fraud suspected'];
const RETURN_REASONS = ['wrong size', 'damaged in transit', 'not as described', 'changed mind'];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export type OrderContext = {
  rng: Rng;
  site: Site;
  stationNo: number;
  station: string;
  staff: readonly Staff[];
  products: readonly DemoProduct[];
  customers: readonly DemoCustomer[];
  n: number;
  nowMs: number;
  /** Ship a cancelled order anyway: the fold flags it, so the demo has exceptions to resolve. */
  clash: boolean;
};

export function makeOrder(ctx: OrderContext): { order: Order; shipment: Shipment | null } {
  const { rng, site, nowMs } = ctx;
  let state = rng.weighted(STATES);
  const [minAge, maxAge] = AGE_DAYS[state];
  const t0 = nowMs - (minAge * DAY + rng.int(20 * MIN, (maxAge - minAge) * DAY + 20 * MIN));
  const customer = rng.pick(ctx.customers);
  const fx = site.currency === 'GBP' ? 0.86 : 1;
  const count = rng.weighted([[1, 50], [2, 30], [3, 15], [4, 5]] as const);
  const chosen = new Set<DemoProduct>();
  while (chosen.size < count) chosen.add(rng.pick(ctx.products));
  const lines: OrderLine[] = [...chosen].map((p, i) => ({
    lineId: `L${i + 1}`, productId: p.doc.id, sku: p.doc.sku, name: p.doc.name,
    quantity: rng.weighted([[1, 75], [2, 20], [3, 5]] as const), unitPrice: Math.round(p.price * fx),
  }));
  if (state === 'partially_shipped' && lines.length < 2) state = 'shipped';
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const method = rng.weighted(PAYMENTS);
  const paymentId = `pay-${rng.uuid(t0)}`;

  let t = t0;
  const events: OrderEvent[] = [];
  const actor = (ms: number, office = false) => ({
    id: rng.uuid(ms), at: formatHlc({ ms, counter: 0, node: 'seed' }), deviceId: office ? 'storefront' : ctx.station, siteId: site.id,
    ...(office ? {} : { staffId: rng.pick(ctx.staff).id }),
  });
  const step = (min: number, max: number): number => (t = Math.min(t + rng.int(min, max), nowMs - MIN));
  events.push({ ...actor(t, true), type: 'created' });
  if (method !== 'cash_on_delivery') events.push({ ...actor(t, true), type: 'payment_authorized', paymentId, method, amount: total });
  if (method === 'bank_transfer') events.push({ ...actor(t, true), type: 'payment_captured', paymentId, amount: total });
  if (state !== 'pending') events.push({ ...actor(step(MIN, 10 * MIN), true), type: 'allocated' });

  const shippedLines = state === 'partially_shipped' ? lines.slice(0, 1) : lines;
  const picks = state === 'picking' ? lines.slice(0, Math.max(1, lines.length - 1)) : shippedLines;
  const packageId = `pkg-${ctx.n}`;
  if (state === 'on_hold') events.push({ ...actor(step(10 * MIN, 2 * HOUR), true), type: 'hold', reason: rng.pick(HOLD_REASONS) });
  if (state === 'cancelled') {
    const reason = rng.pick(CANCEL_REASONS);
    events.push({ ...actor(step(10 * MIN, 6 * HOUR), true), type: 'cancel_requested', reason });
    events.push({ ...actor(step(MIN, 30 * MIN), true), type: 'cancelled', reason });
  }
  const reached = (s: State[]): boolean => s.includes(state);
  if (reached(['picking', 'packed', 'partially_shipped', 'shipped', 'delivered', 'returned'])) {
    step(HOUR, 6 * HOUR);
    for (const l of picks) events.push({ ...actor(step(MIN, 5 * MIN)), type: 'picked', lineId: l.lineId, qty: l.quantity });
  }
  let shipment: Shipment | null = null;
  if (reached(['packed', 'partially_shipped', 'shipped', 'delivered', 'returned'])) {
    step(10 * MIN, HOUR);
    for (const l of shippedLines) events.push({ ...actor(step(MIN, 3 * MIN)), type: 'packed', lineId: l.lineId, qty: l.quantity, packageId });
  }
  if (reached(['partially_shipped', 'shipped', 'delivered', 'returned'])) {
    const shipmentId = rng.uuid(t);
    const packedAt = t;
    events.push({ ...actor(step(30 * MIN, 3 * HOUR)), type: 'shipped', shipmentId, lines: shippedLines.map((l) => ({ lineId: l.lineId, qty: l.quantity })) });
    const shippedAt = t;
    if (method !== 'cash_on_delivery' && method !== 'bank_transfer') events.push({ ...actor(t), type: 'payment_captured', paymentId, amount: total });
    const delivered = reached(['delivered', 'returned']);
    if (delivered) {
      events.push({ ...actor(step(DAY, 2 * DAY), true), type: 'delivered', shipmentId });
      if (method === 'cash_on_delivery') {
        events.push({ ...actor(t, true), type: 'payment_authorized', paymentId, method, amount: total });
        events.push({ ...actor(t, true), type: 'payment_captured', paymentId, amount: total });
      }
    }
    shipment = makeShipment(ctx, { shipmentId, packageId, lines: shippedLines, packedAt, shippedAt, deliveredAt: delivered ? t : null });
    if (state === 'returned') {
      step(2 * DAY, 4 * DAY);
      for (const l of shippedLines) {
        events.push({ ...actor(step(MIN, 5 * MIN)), type: 'return_received', lineId: l.lineId, qty: l.quantity, reason: rng.pick(RETURN_REASONS), condition: rng.weighted([['resellable', 6], ['damaged', 2], ['defective', 1]] as const) });
      }
      events.push({ ...actor(step(HOUR, DAY), true), type: 'refunded', paymentId, amount: total, reason: 'returned' });
    }
    if (ctx.clash) events.push({ ...actor(step(MIN, HOUR), true), type: 'cancelled', reason: 'customer request (arrived after shipping)' });
  }

  const created = events[0]?.at ?? formatHlc({ ms: t0, counter: 0, node: 'seed' });
  const channel = rng.weighted([['web', 70], ['marketplace', 20], ['phone', 10]] as const);
  const order = foldOrder({
    id: rng.uuid(t0), number: `PL-${100_000 + ctx.n}`, channel, externalId: `${channel}-${String(ctx.n).padStart(6, '0')}`,
    customerId: customer.doc.id, customerName: customer.doc.name, email: customer.doc.email, currency: site.currency, lines,
    shippingAddress: customer.doc.addresses[0] ?? site.address,
    shippingMethod: rng.weighted([['standard', 70], ['express', 20], ['next_day', 10]] as const),
    priority: rng.chance(0.85) ? 0 : rng.int(1, 9),
    shipBy: new Date(t0 + rng.int(1, 3) * DAY).toISOString().slice(0, 10),
    createdAt: created, hlc: created, siteId: site.id, events,
  });
  if (shipment !== null) shipment = { ...shipment, orderId: order.id };
  return { order, shipment };
}

function makeShipment(
  ctx: OrderContext,
  s: { shipmentId: string; packageId: string; lines: readonly OrderLine[]; packedAt: number; shippedAt: number; deliveredAt: number | null },
): Shipment {
  const { rng, site } = ctx;
  const [carrier, service] = rng.pick(CARRIERS[site.country] ?? [['Own fleet', 'standard'] as const]);
  const ev = (type: ShipmentEvent['type'], ms: number): ShipmentEvent => ({
    id: rng.uuid(ms), type, at: formatHlc({ ms, counter: 0, node: 'seed' }), deviceId: ctx.station, siteId: site.id,
  });
  const events = [ev('created', s.packedAt), ev('label_printed', s.packedAt), ev('picked_up', s.shippedAt)];
  const transit = Math.min(s.shippedAt + 3 * HOUR, ctx.nowMs - MIN);
  if (transit > s.shippedAt) events.push(ev('in_transit', transit));
  if (s.deliveredAt !== null) events.push(ev('delivered', Math.max(s.deliveredAt, transit)));
  return foldShipment({
    id: s.shipmentId, orderId: '', siteId: site.id, carrier, service,
    trackingNumber: makeTrackingNumber('PL', ctx.stationNo, ctx.n),
    packages: [{
      packageId: s.packageId, box: rng.pick(['S', 'M', 'L']), weightGrams: rng.int(200, 8000),
      dimensions: { lengthMm: 300, widthMm: 200, heightMm: 150 },
      lines: s.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, qty: l.quantity })),
    }],
    hlc: formatHlc({ ms: s.packedAt, counter: 0, node: 'seed' }), events,
  });
}
