import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { Movement } from '../../shared/schema/movements.ts';
import { Order } from '../../shared/schema/orders.ts';
import { Product } from '../../shared/schema/products.ts';
import { Shipment } from '../../shared/schema/shipments.ts';
import { buildMovement, buildOrder, buildProduct, buildShipment, orderEvent, orderWith, SITE_B, stamp } from './builders.ts';

describe('builders', () => {
  it('build schema-valid documents', () => {
    const checks: [string, boolean][] = [
      ['order', Compile(Order).Check(buildOrder())],
      ['busy order', Compile(Order).Check(orderWith([
        orderEvent({ type: 'payment_authorized', paymentId: 'pay-1', method: 'card', amount: 3190 }),
        orderEvent({ type: 'packed', lineId: 'L1', qty: 3 }, { siteId: SITE_B, staffId: 'staff-1' }),
        orderEvent({ type: 'shipped', shipmentId: 'shp-1', lines: [{ lineId: 'L1', qty: 2 }] }),
        orderEvent({ type: 'cancelled', reason: 'customer asked' }),
      ]))],
      ['shipment', Compile(Shipment).Check(buildShipment())],
      ['movement', Compile(Movement).Check(buildMovement())],
      ['product', Compile(Product).Check(buildProduct())],
    ];
    expect(checks.filter(([, ok]) => !ok).map(([name]) => name)).toStrictEqual([]);
  });

  it('fold orders, so derived fields are already filled in', () => {
    const order = buildOrder({ events: [orderEvent({ type: 'allocated' }, { at: stamp(1) })], siteId: SITE_B });
    expect(order).toMatchObject({ status: 'ready', siteId: SITE_B, paymentStatus: 'unpaid' });
  });
});
