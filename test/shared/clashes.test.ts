import { describe, expect, it } from 'vitest';
import { overallPaymentStatus, paymentStatusOf } from '../../shared/orders/payments.ts';
import type { OrderEvent } from '../../shared/schema/orders.ts';
import { mergeDocs } from '../../shared/sync/merge.ts';
import { orderEvent as ev, orderWith, SITE_A, SITE_B, stamp } from './builders.ts';

const shipAll = (id: string, ms: number, siteId = SITE_A) =>
  ev({ type: 'shipped', shipmentId: `shp-${id}`, lines: [{ lineId: 'L1', qty: 2 }, { lineId: 'L2', qty: 1 }] }, { id, at: stamp(ms), siteId });

describe('clashes between stations', () => {
  it('cancelled at the office while a station shipped offline: shipped, with cancelled_and_shipped', () => {
    const cancelled = ev({ type: 'cancelled', reason: 'customer changed their mind' }, { id: 'ev-cancel', at: stamp(20), deviceId: 'office-1' });
    const shipped = shipAll('ev-ship', 15);
    // Each replica saw only its own event; they meet in a merge.
    const office = orderWith([cancelled]);
    const station = orderWith([shipped]);
    expect(office.status).toBe('cancelled');
    expect(station.status).toBe('shipped');
    const merged = mergeDocs('orders', office, station);
    expect(merged.status).toBe('shipped');
    expect(merged.exceptions).toStrictEqual([
      {
        id: 'cancelled_and_shipped:ev-ship',
        code: 'cancelled_and_shipped',
        message: 'Shipment shp-ev-ship went out although the order was cancelled',
        eventIds: ['ev-ship', 'ev-cancel'],
        resolved: false,
      },
    ]);
    expect(merged.openExceptions).toBe(1);
  });

  it('cancelled with nothing shipped is simply cancelled; cancelled after a partial shipment counts as complete', () => {
    const cancelled = ev({ type: 'cancelled', reason: 'out of stock' }, { at: stamp(20) });
    expect(orderWith([ev({ type: 'packed', lineId: 'L1', qty: 2 }, { at: stamp(5) }), cancelled])).toMatchObject({ status: 'cancelled', openExceptions: 0 });
    const partial = ev({ type: 'shipped', shipmentId: 'shp-1', lines: [{ lineId: 'L1', qty: 2 }] }, { id: 'ev-p', at: stamp(10) });
    const order = orderWith([partial, cancelled]);
    expect(order.status).toBe('shipped');
    expect(order.exceptions.map((x) => x.id)).toStrictEqual(['cancelled_and_shipped:ev-p']);
    const delivered = ev({ type: 'delivered', shipmentId: 'shp-1' }, { at: stamp(30) });
    expect(orderWith([partial, cancelled, delivered]).status).toBe('delivered');
  });

  it('the same line packed on two stations: packed_twice, keyed by the event that went over', () => {
    const packedA = ev({ type: 'packed', lineId: 'L1', qty: 2 }, { id: 'ev-pa', at: stamp(10, 'na'), siteId: SITE_A, deviceId: 'station-1' });
    const packedB = ev({ type: 'packed', lineId: 'L1', qty: 2 }, { id: 'ev-pb', at: stamp(11, 'nb'), siteId: SITE_A, deviceId: 'station-2' });
    const merged = mergeDocs('orders', orderWith([packedA]), orderWith([packedB]));
    expect(merged.lineState[0]).toMatchObject({ ordered: 2, packed: 4 });
    expect(merged.exceptions).toStrictEqual([
      { id: 'packed_twice:L1:ev-pb', code: 'packed_twice', message: 'Line L1: 4 packed but 2 ordered', eventIds: ['ev-pb', 'ev-pa'], resolved: false },
    ]);
    // A third pack later in clock order joins the same exception: the id, and so a resolution, sticks.
    const packedC = ev({ type: 'packed', lineId: 'L1', qty: 1 }, { id: 'ev-pc', at: stamp(12) });
    const resolved = ev({ type: 'exception_resolved', exceptionId: 'packed_twice:L1:ev-pb', text: 'unpacked one' }, { at: stamp(13) });
    const later = orderWith([packedA, packedB, packedC, resolved]);
    expect(later.exceptions).toMatchObject([{ id: 'packed_twice:L1:ev-pb', eventIds: ['ev-pb', 'ev-pa', 'ev-pc'], resolved: true }]);
    expect(later.openExceptions).toBe(0);
  });

  it('the same full line in two shipments: shipped_twice', () => {
    const order = orderWith([shipAll('ev-s1', 10), shipAll('ev-s2', 11, SITE_A)]);
    expect(order.exceptions.map((x) => x.id)).toStrictEqual(['shipped_twice:L1:ev-s2', 'shipped_twice:L2:ev-s2']);
    expect(order.status).toBe('shipped');
  });

  it('packed by site A after the order was moved to site B: wrong_site', () => {
    const moved = ev({ type: 'reassigned', toSiteId: SITE_B }, { id: 'ev-move', at: stamp(10), deviceId: 'manager' });
    const packedAtA = ev({ type: 'packed', lineId: 'L1', qty: 2 }, { id: 'ev-pa', at: stamp(12), siteId: SITE_A });
    const packedAtB = ev({ type: 'packed', lineId: 'L2', qty: 1 }, { id: 'ev-pb', at: stamp(13), siteId: SITE_B });
    const order = mergeDocs('orders', orderWith([moved, packedAtB]), orderWith([packedAtA]));
    expect(order.siteId).toBe(SITE_B);
    expect(order.exceptions).toStrictEqual([
      {
        id: `wrong_site:${SITE_A}:ev-pa`,
        code: 'wrong_site',
        message: `Packed or shipped at site ${SITE_A}, but the order is fulfilled by site ${SITE_B}`,
        eventIds: ['ev-pa'],
        resolved: false,
      },
    ]);
  });

  it('returned more than shipped: over_returned', () => {
    const ship = ev({ type: 'shipped', shipmentId: 'shp-1', lines: [{ lineId: 'L1', qty: 1 }] }, { id: 'ev-s', at: stamp(5) });
    const r1 = ev({ type: 'return_received', lineId: 'L1', qty: 1, reason: 'broken', condition: 'damaged' }, { id: 'ev-r1', at: stamp(6) });
    const r2 = ev({ type: 'return_received', lineId: 'L1', qty: 1, reason: 'broken', condition: 'damaged' }, { id: 'ev-r2', at: stamp(7) });
    const order = orderWith([ship, r1, r2]);
    expect(order.exceptions.map((x) => x.id)).toStrictEqual(['over_returned:L1:ev-r2']);
    expect(order.status).toBe('returned');
  });
});

const auth = (paymentId: string, amount: number, ms: number): OrderEvent =>
  ev({ type: 'payment_authorized', paymentId, method: 'card', amount }, { at: stamp(ms) });
const capture = (paymentId: string, amount: number, ms: number): OrderEvent =>
  ev({ type: 'payment_captured', paymentId, amount }, { at: stamp(ms) });
const refund = (paymentId: string, amount: number, ms: number, id?: string): OrderEvent =>
  ev({ type: 'refunded', paymentId, amount, reason: 'returned' }, id === undefined ? { at: stamp(ms) } : { id, at: stamp(ms) });

describe('payments', () => {
  it('walks authorized, partially captured, captured, partially refunded, refunded', () => {
    const steps: [OrderEvent[], string][] = [
      [[auth('p1', 2000, 1)], 'authorized'],
      [[auth('p1', 2000, 1), capture('p1', 500, 2)], 'partially_captured'],
      [[auth('p1', 2000, 1), capture('p1', 500, 2), capture('p1', 1500, 3)], 'captured'],
      [[auth('p1', 2000, 1), capture('p1', 2000, 2), refund('p1', 500, 4)], 'partially_refunded'],
      [[auth('p1', 2000, 1), capture('p1', 2000, 2), refund('p1', 500, 4), refund('p1', 1500, 5)], 'refunded'],
    ];
    for (const [events, status] of steps) {
      const order = orderWith(events);
      expect(order.paymentStatus).toBe(status);
      expect(order.payments[0]?.status).toBe(status);
      expect(order.openExceptions).toBe(0);
    }
  });

  it('lists each payment with its method and sums, in order of first appearance', () => {
    const order = orderWith([
      ev({ type: 'payment_authorized', paymentId: 'p2', method: 'paypal', amount: 700 }, { at: stamp(1) }),
      auth('p1', 1000, 2),
      capture('p1', 1000, 3),
    ]);
    expect(order.payments).toStrictEqual([
      { paymentId: 'p2', method: 'paypal', authorized: 700, captured: 0, refunded: 0, status: 'authorized' },
      { paymentId: 'p1', method: 'card', authorized: 1000, captured: 1000, refunded: 0, status: 'captured' },
    ]);
    // Overall: the rule on the totals: 1000 of 1700 captured.
    expect(order.paymentStatus).toBe('partially_captured');
  });

  it('refunding more than captured: refunded, with over_refunded keyed by the refund that went over', () => {
    const order = orderWith([auth('p1', 1000, 1), capture('p1', 1000, 2), refund('p1', 600, 3, 'ev-r1'), refund('p1', 600, 4, 'ev-r2')]);
    expect(order.paymentStatus).toBe('refunded');
    expect(order.exceptions).toMatchObject([{ id: 'over_refunded:p1:ev-r2', code: 'over_refunded', message: 'Payment p1: 1200 refunded but 1000 captured' }]);
  });

  it('status rules on amounts', () => {
    expect(paymentStatusOf(0, 0, 0)).toBe('unpaid');
    expect(paymentStatusOf(0, 500, 0)).toBe('captured');
    expect(paymentStatusOf(0, 0, 100)).toBe('refunded');
    expect(overallPaymentStatus([])).toBe('unpaid');
  });
});
