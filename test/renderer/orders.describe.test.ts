import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../shared/schema/orders.ts';
import { describeEvent, orderTotal, stampTime, type DescribeContext } from '../../renderer/orders/describe.ts';
import en from '../../renderer/i18n/locales/en/orders.json' with { type: 'json' };
import es from '../../renderer/i18n/locales/es/orders.json' with { type: 'json' };
import it_ from '../../renderer/i18n/locales/it/orders.json' with { type: 'json' };

const actor = { id: 'e1', at: '000001700000000-000000-dev', deviceId: 'station-1', siteId: 's1' };
const ctx: DescribeContext = {
  lines: [{ lineId: 'L1', productId: 'p1', sku: 'SKU-00001', name: 'Mug', quantity: 2, unitPrice: 1250 }],
  trackingOf: (id) => (id === 'sh1' ? 'PL00010000000017' : undefined),
  boxOf: (id) => (id === 'pkg-1' ? 'Medium' : undefined),
  siteName: (id) => `Site ${id}`,
  money: (n) => `€${(n / 100).toFixed(2)}`,
  term: (kind, value) => `${kind}:${value}`,
};

/** Every key of a nested translation object, as dotted paths. */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('describeEvent', () => {
  it('names the SKU of a line event and the tracking number of a shipment', () => {
    expect(describeEvent({ ...actor, type: 'picked', lineId: 'L1', qty: 2 }, ctx)).toEqual({ key: 'timeline.picked', values: { qty: 2, sku: 'SKU-00001' } });
    const shipped: OrderEvent = { ...actor, type: 'shipped', shipmentId: 'sh1', lines: [{ lineId: 'L1', qty: 2 }] };
    expect(describeEvent(shipped, ctx)).toEqual({ key: 'timeline.shipped', values: { count: 2, tracking: 'PL00010000000017' } });
  });

  it('says which box a package went in, never its id', () => {
    expect(describeEvent({ ...actor, type: 'packed', lineId: 'L1', qty: 1, packageId: 'pkg-1' }, ctx)).toEqual({ key: 'timeline.packed_box', values: { qty: 1, sku: 'SKU-00001', box: 'Medium' } });
    // The shipment has not arrived yet, or the package has no id: the sentence leaves the box out.
    expect(describeEvent({ ...actor, type: 'packed', lineId: 'L1', qty: 1, packageId: 'pkg-9' }, ctx)).toEqual({ key: 'timeline.packed', values: { qty: 1, sku: 'SKU-00001' } });
    expect(describeEvent({ ...actor, type: 'packed', lineId: 'L1', qty: 1 }, ctx).key).toBe('timeline.packed');
  });

  it('formats money and translates payment methods through the context', () => {
    const e: OrderEvent = { ...actor, type: 'payment_authorized', paymentId: 'p', method: 'card', amount: 2500 };
    expect(describeEvent(e, ctx)).toEqual({ key: 'timeline.payment_authorized', values: { amount: '€25.00', method: 'method:card', methodInline: 'methodInline:card' } });
    expect(describeEvent({ ...actor, type: 'refunded', paymentId: 'p', amount: 100 }, ctx).key).toBe('timeline.refunded');
    expect(describeEvent({ ...actor, type: 'refunded', paymentId: 'p', amount: 100, reason: 'late' }, ctx).key).toBe('timeline.refunded_reason');
  });

  it('sums lines and reads wall time from clock stamps', () => {
    expect(orderTotal({ lines: ctx.lines })).toBe(2500);
    expect(stampTime(actor.at)).toBe(1_700_000_000);
    expect(stampTime('nonsense')).toBeNaN();
  });
});

describe('orders translations', () => {
  it('have the same keys in English, Spanish and Italian, none left empty', () => {
    const want = keys(en).sort();
    expect(keys(es).sort()).toEqual(want);
    expect(keys(it_).sort()).toEqual(want);
    const empty = [...Object.entries(flat(es)), ...Object.entries(flat(it_))].filter(([, v]) => v === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('have a timeline sentence for every event type', () => {
    const types: OrderEvent['type'][] = ['created', 'allocated', 'picked', 'packed', 'shipped', 'delivered', 'hold', 'hold_released', 'cancel_requested', 'cancelled', 'reassigned', 'return_received', 'payment_authorized', 'payment_captured', 'refunded', 'note', 'exception_resolved'];
    const plain = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    for (const t of types) expect(plain).toContain(`timeline.${t}`);
  });
});

function flat(o: object): Record<string, unknown> {
  return Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<unknown>((v, p) => (typeof v === 'object' && v !== null ? Reflect.get(v, p) : undefined), o)]));
}
