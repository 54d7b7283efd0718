import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HybridClock } from '../../shared/clock/hlc.ts';
import { isValidTrackingNumber } from '../../shared/barcodes/tracking.ts';
import { createPacklineDatabase, type PacklineDatabase } from '../../renderer/db/database.ts';
import { completeAndShip, recordScan, setManualQuantity, undoLastScan, type PackContext, type PackDb } from '../../renderer/packing/commands.ts';
import { indexProducts } from '../../renderer/packing/scan.ts';
import { usePackSession } from '../../renderer/packing/session.ts';
import { trackingSequence } from '../../renderer/packing/tracking.ts';
import { buildProduct, orderEvent, orderWith, SITE_A } from '../shared/builders.ts';

const MUG = '4006381333931';
const order = orderWith([orderEvent({ type: 'allocated' })]);
const products = indexProducts([buildProduct()]);
let db: PacklineDatabase<'orders' | 'shipments' | 'movements'> & PackDb;
let n = 0;

function ctx(role: 'packer' | 'lead' = 'packer'): PackContext {
  const store = new Map<string, string>();
  return {
    clock: new HybridClock('dev1'),
    deviceId: 'dev-1',
    siteId: SITE_A,
    staff: { id: 'staff-1', role },
    tracking: trackingSequence({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) }, 'PL', 12),
  };
}

beforeEach(async () => {
  n += 1;
  db = await createPacklineDatabase({ name: `pack${n}`, storage: getRxStorageMemory(), collections: ['orders', 'shipments', 'movements'], devMode: true });
  await db.orders.insert(order);
  usePackSession.setState({ sessions: {}, feedback: null });
});

afterEach(async () => {
  await db.remove();
});

describe('pack commands', () => {
  it('records scans in the session, shows feedback and undoes the last one', () => {
    const view = { order, products };
    expect(recordScan(view, MUG)).toMatchObject({ ok: true, packed: 1 });
    expect(recordScan(view, '4006381333932')).toMatchObject({ ok: false, reason: 'bad_check_digit' });
    expect(usePackSession.getState().feedback?.decision).toMatchObject({ reason: 'bad_check_digit' });
    expect(usePackSession.getState().sessions[order.id]?.actions).toHaveLength(1);
    expect(undoLastScan(order.id)).toMatchObject({ kind: 'scan', lineId: 'L1' });
    expect(undoLastScan(order.id)).toBeNull();
  });

  it('lets only leads set a quantity by hand', () => {
    const view = { order, products };
    expect(setManualQuantity(ctx('packer'), view, 'L2', 1)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(setManualQuantity(ctx('lead'), view, 'L2', 2)).toEqual({ ok: false, reason: 'bad_quantity' });
    expect(setManualQuantity(ctx('lead'), view, 'L2', 1)).toEqual({ ok: true });
  });

  it('completes and ships offline: shipment, events and movements, and a retry does not ship twice', async () => {
    const view = { order, products };
    const c = ctx('lead');
    recordScan(view, MUG);
    recordScan(view, MUG);
    expect(await completeAndShip(db, c, order.id, { box: 'M', weightGrams: 1200 })).toEqual({ ok: false, reason: 'not_fully_packed' });
    setManualQuantity(c, view, 'L2', 1);
    const res = await completeAndShip(db, c, order.id, { box: 'M', weightGrams: 1200 });
    if (!res.ok) throw new Error(res.reason);
    expect(res.order.status).toBe('shipped');
    expect(isValidTrackingNumber(res.shipment.trackingNumber)).toBe(true);
    expect(await db.shipments.count().exec()).toBe(1);
    const kinds = (await db.movements.find().exec()).map((m) => m.kind).sort();
    expect(kinds).toEqual(['reservation', 'reservation', 'ship', 'ship']);
    expect(usePackSession.getState().sessions[order.id]).toBeUndefined();

    // A crash after the plan was saved: running the same plan again writes nothing new.
    usePackSession.getState().setPlan(order.id, { orderId: order.id, events: res.order.events.slice(-3), shipment: res.shipment, movements: (await db.movements.find().exec()).map((m) => m.toMutableJSON()) });
    const again = await completeAndShip(db, c, order.id, { box: 'M', weightGrams: 1200 });
    expect(again.ok).toBe(true);
    expect(await db.shipments.count().exec()).toBe(1);
    expect(await db.movements.count().exec()).toBe(4);
    const stored = await db.orders.findOne(order.id).exec();
    expect(stored?.events.filter((e) => e.type === 'shipped')).toHaveLength(1);
  });

  it('a write the store refuses half-way leaves the order unshipped, keeps the plan, and the retry finishes that shipment once', async () => {
    const view = { order, products };
    const c = ctx('lead');
    recordScan(view, MUG);
    recordScan(view, MUG);
    setManualQuantity(c, view, 'L2', 1);
    // The shipment is written, then the disk is full when the movements go in.
    let refuse = true;
    const movements = new Proxy(db.movements, {
      get(target, prop, receiver) {
        if (prop === 'bulkInsert' && refuse) {
          refuse = false;
          return () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const failing: PackDb = { orders: db.orders, shipments: db.shipments, movements };
    await expect(completeAndShip(failing, c, order.id, { box: 'M', weightGrams: 1200 })).rejects.toThrow('quota');
    // Not shipped: the order is as it was and the packed counts wait on the screen. The shipment
    // was written before the refusal: the retry finishes that one rather than making another.
    expect((await db.orders.findOne(order.id).exec())?.status).toBe(order.status);
    expect(await db.shipments.count().exec()).toBe(1);
    expect(await db.movements.count().exec()).toBe(0);
    const session = usePackSession.getState().sessions[order.id];
    expect(session?.plan?.shipment.trackingNumber).toBeDefined();
    const tracking = session?.plan?.shipment.trackingNumber;

    const res = await completeAndShip(failing, c, order.id, { box: 'M', weightGrams: 1200 });
    if (!res.ok) throw new Error(res.reason);
    expect(res.order.status).toBe('shipped');
    expect(res.shipment.trackingNumber).toBe(tracking);
    expect(await db.shipments.count().exec()).toBe(1);
    expect(await db.movements.count().exec()).toBe(4);
    expect(usePackSession.getState().sessions[order.id]).toBeUndefined();
  });
});
