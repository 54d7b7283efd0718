import type { Order } from '../../shared/schema/orders.ts';
import { orderEvent as ev, orderWith, SITE_B, stamp } from './builders.ts';

/** A shipment id as the app makes them: a UUID, which no screen should ever show. */
export const SHIPMENT = '01a1e5e9-8d2e-7c3b-9f00-aa11bb22cc33';

/** An order with one of each clash: every exception code, as a station would merge it. */
export function orderWithEveryClash(): Order {
  return orderWith([
    ev({ type: 'payment_authorized', paymentId: 'pay-1', method: 'paypal', amount: 3190 }, { at: stamp(1) }),
    ev({ type: 'payment_captured', paymentId: 'pay-1', amount: 3190 }, { at: stamp(2) }),
    // Packed twice on two stations (L1: 4 of 2), one of them at site B.
    ev({ type: 'packed', lineId: 'L1', qty: 2 }, { id: 'ev-pa', at: stamp(10) }),
    ev({ type: 'packed', lineId: 'L1', qty: 2 }, { id: 'ev-pb', at: stamp(11), siteId: SITE_B }),
    // Shipped twice (L2: 2 of 1), the first while the order was being cancelled.
    ev({ type: 'shipped', shipmentId: SHIPMENT, lines: [{ lineId: 'L2', qty: 1 }] }, { id: 'ev-s1', at: stamp(20) }),
    ev({ type: 'shipped', shipmentId: 'shp-2', lines: [{ lineId: 'L2', qty: 1 }] }, { id: 'ev-s2', at: stamp(21) }),
    ev({ type: 'cancelled', reason: 'customer asked' }, { id: 'ev-cancel', at: stamp(22) }),
    // Returned more than shipped (L2: 3 of 2), and refunded twice.
    ev({ type: 'return_received', lineId: 'L2', qty: 3, reason: 'broken', condition: 'damaged' }, { id: 'ev-r', at: stamp(30) }),
    ev({ type: 'refunded', paymentId: 'pay-1', amount: 3190 }, { id: 'ev-ref1', at: stamp(40) }),
    ev({ type: 'refunded', paymentId: 'pay-1', amount: 3190 }, { id: 'ev-ref2', at: stamp(41) }),
  ]);
}

