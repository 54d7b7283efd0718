import { PLACEHOLDER_METHOD } from '../../shared/orders/payments.ts';
import type { ExplainedException, Order } from '../../shared/schema/orders.ts';
import type { Phrase } from './describe.ts';

export type ExceptionContext = {
  /** The order's lines, to name a line by its SKU when the exception does not carry it. */
  lines: Order['lines'];
  /** Tracking number by shipment id, when the shipment has reached this replica. */
  trackingOf(shipmentId: string): string | undefined;
  /** Site code ("MAD") by id, when the site has reached this replica. */
  siteCode(siteId: string): string | undefined;
  /** A quantity in the station's locale. */
  number(n: number): string;
  /** An amount of the order's currency, in minor units, in the station's locale. */
  money(minor: number): string;
  /** The translated name of a payment method: capitalised (`method`) or inside a sentence (`methodInline`). */
  term(kind: 'method' | 'methodInline', value: string): string;
  /** "another site", in the station's language: a site this replica does not know yet. */
  unknownSite: string;
};

/**
 * What the clash is, in words: the key picks the sentence (`exceptionText.<code>` in the
 * `orders` namespace), the values fill it. Things are named as people know them: a shipment by
 * its tracking number, a line by its SKU, a site by its code, never by an id. Null for a code
 * this build does not know (the title alone then says what it is).
 */
export function describeException(x: ExplainedException, ctx: ExceptionContext): Phrase | null {
  const v = x.values;
  const key = `exceptionText.${x.code}`;
  const total = v.total ?? 0;
  const limit = v.limit ?? 0;
  switch (x.code) {
    case 'cancelled_and_shipped': {
      const tracking = v.shipmentId === undefined ? undefined : ctx.trackingOf(v.shipmentId);
      // `count` picks the plural form of "unit".
      const values = { count: total, units: ctx.number(total) };
      return tracking === undefined ? { key: `${key}_untracked`, values } : { key, values: { ...values, tracking } };
    }
    case 'packed_twice':
    case 'shipped_twice':
    case 'over_returned': {
      const sku = v.sku ?? ctx.lines.find((l) => l.lineId === v.lineId)?.sku ?? v.lineId ?? '';
      return { key, values: { count: total, sku, total: ctx.number(total), limit: ctx.number(limit) } };
    }
    case 'wrong_site': {
      const site = (id: string | undefined): string => (id === undefined ? undefined : ctx.siteCode(id)) ?? ctx.unknownSite;
      return { key, values: { site: site(v.siteId), orderSite: site(v.orderSiteId) } };
    }
    case 'over_refunded': {
      const method = v.method ?? PLACEHOLDER_METHOD;
      return { key, values: { method: ctx.term('method', method), methodInline: ctx.term('methodInline', method), refunded: ctx.money(total), captured: ctx.money(limit) } };
    }
    default:
      // A code this build does not know (written by a newer version): its title alone says it.
      return null;
  }
}
