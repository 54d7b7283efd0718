import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { explainExceptions } from '../../shared/orders/fold.ts';
import { findExceptions } from '../../shared/orders/exceptions.ts';
import { ORDER_EXCEPTION_CODES, Order, type ExplainedException, type OrderEvent } from '../../shared/schema/orders.ts';
import { LINES, orderEvent as ev, SITE_A, SITE_B, stamp } from './builders.ts';
import { orderWithEveryClash, SHIPMENT } from './exceptions.fixtures.ts';

const byCode = (exceptions: readonly ExplainedException[]): Map<string, ExplainedException[]> => {
  const m = new Map<string, ExplainedException[]>();
  for (const x of exceptions) m.set(x.code, [...(m.get(x.code) ?? []), x]);
  return m;
};

describe('exceptions are explained with the values their sentence needs', () => {
  const order = orderWithEveryClash();
  const explained = explainExceptions(order);
  const found = byCode(explained);

  it('every code is found; the stored order has the same exceptions, without values, and stays schema-valid', () => {
    expect([...found.keys()].sort()).toStrictEqual([...ORDER_EXCEPTION_CODES].sort());
    expect(Compile(Order).Check(order)).toBe(true);
    expect(order.exceptions).toStrictEqual(explained.map(({ values: _v, ...stored }) => stored));
  });

  it('a shipment that went out although cancelled: its shipment id (a screen names it by tracking number) and its units', () => {
    expect(found.get('cancelled_and_shipped')?.map((x) => x.values)).toStrictEqual([{ shipmentId: SHIPMENT, total: 1 }, { shipmentId: 'shp-2', total: 1 }]);
  });

  it('over-quantities: the line, its SKU from the order’s lines, the total and the limit', () => {
    expect(found.get('packed_twice')?.[0]?.values).toStrictEqual({ lineId: 'L1', sku: 'MUG-BLUE', total: 4, limit: 2 });
    expect(found.get('shipped_twice')?.[0]?.values).toStrictEqual({ lineId: 'L2', sku: 'TEA-EARL', total: 2, limit: 1 });
    expect(found.get('over_returned')?.[0]?.values).toStrictEqual({ lineId: 'L2', sku: 'TEA-EARL', total: 3, limit: 2 });
  });

  it('wrong site: the site that worked on it and the order’s own', () => {
    expect(found.get('wrong_site')?.[0]?.values).toStrictEqual({ siteId: SITE_B, orderSiteId: SITE_A });
  });

  it('over-refunded: the payment, its method and the amounts in minor units', () => {
    expect(found.get('over_refunded')?.[0]?.values).toStrictEqual({ paymentId: 'pay-1', method: 'paypal', total: 6380, limit: 3190 });
  });

  it('keeps the id, code, technical message and events other code relies on', () => {
    expect(found.get('packed_twice')?.[0]).toMatchObject({ id: 'packed_twice:L1:ev-pb', message: 'Line L1: 4 packed but 2 ordered', eventIds: ['ev-pb', 'ev-pa'], resolved: false });
    expect(found.get('cancelled_and_shipped')?.[0]).toMatchObject({ id: 'cancelled_and_shipped:ev-s1', message: `Shipment ${SHIPMENT} went out although the order was cancelled` });
  });

  it('a line the header no longer has keeps its line id and no SKU', () => {
    const log: OrderEvent[] = [ev({ type: 'packed', lineId: 'L9', qty: 1 }, { id: 'ev-p9', at: stamp(5) })];
    const lines = [{ lineId: 'L9', ordered: 0, picked: 0, packed: 1, shipped: 0, returned: 0 }];
    const { exceptions } = findExceptions(log, lines, SITE_A, [], LINES);
    expect(exceptions.map((x) => x.values)).toStrictEqual([{ lineId: 'L9', total: 1, limit: 0 }]);
  });
});
