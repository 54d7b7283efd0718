import { uuidv7 } from 'uuidv7';
import type { HybridClock } from '../../shared/clock/hlc.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import type { Customer } from '../../shared/schema/customers.ts';
import type { Order, OrderEvent, OrderLine } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import { SERVER_DEVICE } from '../../shared/sync/protocol.ts';
import type { IntakeBody } from './intake-schema.ts';

const DEFAULT_SHIP_DAYS = 2;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatOrderNumber(n: number): string {
  return `PL-${n}`;
}

/**
 * The order as the storefront placed it: header, lines priced as sold, and the server's
 * own events (created, allocated, payment), folded like any other order.
 */
export function buildIntakeOrder(
  body: IntakeBody,
  ids: { orderId: string; number: string; customerId: string },
  products: ReadonlyMap<string, Product>,
  clock: HybridClock,
): Order {
  const lines: OrderLine[] = body.lines.map((l, i) => {
    const product = products.get(l.sku);
    if (product === undefined) throw new Error(`product ${l.sku} vanished`);
    return { lineId: `L${i + 1}`, productId: product.id, sku: l.sku, name: product.name, quantity: l.quantity, unitPrice: l.unitPrice };
  });
  const actor = () => ({ id: uuidv7(), at: clock.tick(), deviceId: SERVER_DEVICE, siteId: body.siteId });
  const created = actor();
  const events: OrderEvent[] = [{ ...created, type: 'created' }, { ...actor(), type: 'allocated' }];
  if (body.payment !== undefined) {
    const paymentId = `pay-${uuidv7()}`;
    events.push({ ...actor(), type: 'payment_authorized', paymentId, method: body.payment.method, amount: body.payment.amount });
    if (body.payment.captured === true) events.push({ ...actor(), type: 'payment_captured', paymentId, amount: body.payment.amount });
  }
  return foldOrder({
    id: ids.orderId,
    number: ids.number,
    channel: body.channel,
    externalId: body.externalId,
    customerId: ids.customerId,
    customerName: body.customer.name,
    email: body.customer.email,
    currency: body.currency,
    lines,
    shippingAddress: body.shippingAddress,
    shippingMethod: body.shippingMethod,
    priority: body.priority ?? 0,
    shipBy: body.shipBy ?? isoDate(Date.now() + DEFAULT_SHIP_DAYS * 86_400_000),
    createdAt: created.at,
    hlc: created.at,
    siteId: body.siteId,
    events,
  });
}

export function buildCustomer(body: IntakeBody, clock: HybridClock): Customer {
  return { id: uuidv7(), name: body.customer.name, email: body.customer.email, addresses: [body.shippingAddress], hlc: clock.tick() };
}
