import { parseHlc, isHlc } from '../../shared/clock/hlc.ts';
import type { Order, OrderEvent } from '../../shared/schema/orders.ts';

/** A sentence to translate: an i18n key in the `orders` namespace and its values. */
export type Phrase = { key: string; values: Record<string, string | number> };

export type DescribeContext = {
  /** The order's lines, to name the SKU a line event refers to. */
  lines: Order['lines'];
  /** Tracking number by shipment id, when the shipment has reached this replica. */
  trackingOf(shipmentId: string): string | undefined;
  /** The box a package went in, in words ("Medium"), when its shipment has reached this replica. */
  boxOf(packageId: string): string | undefined;
  /** Site name (or code) by id. */
  siteName(siteId: string): string;
  money(minor: number): string;
  /** The translated name of a payment method or return condition. */
  term(kind: 'method' | 'methodInline' | 'condition', value: string): string;
};

/** Sum of the order's lines in minor units. */
export function orderTotal(order: { readonly lines: readonly Pick<Order['lines'][number], 'quantity' | 'unitPrice'>[] }): number {
  return order.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
}

/** Wall time of a clock stamp (ms since epoch), or NaN for anything that is not one. */
export function stampTime(at: string): number {
  return isHlc(at) ? parseHlc(at).ms : Number.NaN;
}

/**
 * What an event did, in words: the key picks the sentence, the values fill it, so every
 * language words it its own way (`timeline.picked`: "Picked {{qty}} × {{sku}}").
 */
export function describeEvent(e: OrderEvent, ctx: DescribeContext): Phrase {
  const sku = (lineId: string): string => ctx.lines.find((l) => l.lineId === lineId)?.sku ?? lineId;
  const tracking = (shipmentId: string): string => ctx.trackingOf(shipmentId) ?? shipmentId.slice(0, 8);
  const key = `timeline.${e.type}`;
  switch (e.type) {
    case 'picked':
      return { key, values: { qty: e.qty, sku: sku(e.lineId) } };
    case 'packed': {
      // The package's id means nothing to a person; the box it went in does.
      const box = e.packageId === undefined ? undefined : ctx.boxOf(e.packageId);
      return box === undefined ? { key, values: { qty: e.qty, sku: sku(e.lineId) } } : { key: `${key}_box`, values: { qty: e.qty, sku: sku(e.lineId), box } };
    }
    case 'shipped':
      // `count` picks the plural form of the sentence.
      return { key, values: { count: e.lines.reduce((n, l) => n + l.qty, 0), tracking: tracking(e.shipmentId) } };
    case 'delivered':
      return { key, values: { tracking: tracking(e.shipmentId) } };
    case 'hold':
    case 'cancel_requested':
    case 'cancelled':
      return { key, values: { reason: e.reason } };
    case 'reassigned':
      return { key, values: { site: ctx.siteName(e.toSiteId) } };
    case 'return_received':
      return { key, values: { qty: e.qty, sku: sku(e.lineId), reason: e.reason, condition: ctx.term('condition', e.condition) } };
    case 'payment_authorized':
      // Capitalised for the start of a sentence, lower case inside one: each language picks.
      return { key, values: { amount: ctx.money(e.amount), method: ctx.term('method', e.method), methodInline: ctx.term('methodInline', e.method) } };
    case 'payment_captured':
      return { key, values: { amount: ctx.money(e.amount) } };
    case 'refunded':
      return { key: e.reason === undefined ? key : `${key}_reason`, values: { amount: ctx.money(e.amount), reason: e.reason ?? '' } };
    case 'note':
      return { key, values: { text: e.text } };
    case 'exception_resolved':
      return { key: e.text === undefined ? key : `${key}_text`, values: { text: e.text ?? '' } };
    default:
      // created, allocated, hold_released: the sentence needs nothing more.
      return { key, values: {} };
  }
}
