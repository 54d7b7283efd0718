import { describe, expect, it } from 'vitest';
import { makeEan13 } from '../../shared/barcodes/gtin.ts';
import { sumLedger } from '../../shared/inventory/ledger.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import { BOX_SIZES } from '../../renderer/packing/boxes.ts';
import { planCompletion, type Stamper } from '../../renderer/packing/plan.ts';
import { decideScan, indexProducts } from '../../renderer/packing/scan.ts';
import { sessionQuantities } from '../../renderer/packing/session.ts';
import { highestSeq, stationNoOf, trackingSequence } from '../../renderer/packing/tracking.ts';
import { buildMovement, buildProduct, orderEvent, orderWith, stamp } from '../shared/builders.ts';

const MUG = '4006381333931';
const TEA = makeEan13('501234567890');
const OTHER = makeEan13('871234567890');
const products = indexProducts([
  buildProduct(),
  buildProduct({ id: 'prod-2', sku: 'TEA-EARL', name: 'Earl Grey, 100 g', barcodes: [{ type: 'EAN13', value: TEA }] }),
  buildProduct({ id: 'prod-3', sku: 'PEN-RED', name: 'Red pen', barcodes: [{ type: 'EAN13', value: OTHER }] }),
]);
const ready = orderWith([orderEvent({ type: 'allocated' })]);
const none = new Map<string, number>();

describe('decideScan', () => {
  it('ticks the line a good barcode belongs to', () => {
    expect(decideScan(ready, products, none, MUG)).toEqual({ ok: true, code: MUG, lineId: 'L1', packed: 1, expected: 2 });
    expect(decideScan(ready, products, new Map([['L1', 1]]), MUG)).toMatchObject({ ok: true, packed: 2, expected: 2 });
  });

  it('accepts the SKU text as a code', () => {
    expect(decideScan(ready, products, none, 'TEA-EARL')).toMatchObject({ ok: true, lineId: 'L2' });
  });

  it('refuses a bad check digit before looking anything up, and says the right digit', () => {
    expect(decideScan(ready, products, none, '4006381333932')).toEqual({ ok: false, code: '4006381333932', reason: 'bad_check_digit', expected: '1' });
  });

  it('tells unknown barcodes from products that are not in the order', () => {
    expect(decideScan(ready, products, none, '12345')).toMatchObject({ ok: false, reason: 'unknown_barcode' });
    expect(decideScan(ready, products, none, makeEan13('999999999999'))).toMatchObject({ ok: false, reason: 'unknown_barcode' });
    expect(decideScan(ready, products, none, OTHER)).toMatchObject({ ok: false, reason: 'not_in_order', product: { sku: 'PEN-RED' } });
  });

  it('refuses a scan beyond the ordered quantity, counting earlier packed events', () => {
    expect(decideScan(ready, products, new Map([['L1', 2]]), MUG)).toMatchObject({ ok: false, reason: 'line_complete', line: { packed: 2, ordered: 2 } });
    const halfPacked = orderWith([orderEvent({ type: 'allocated' }), orderEvent({ type: 'packed', lineId: 'L1', qty: 1 })]);
    expect(decideScan(halfPacked, products, new Map([['L1', 1]]), MUG)).toMatchObject({ ok: false, reason: 'line_complete' });
  });

  it('refuses scans for orders that are not packable', () => {
    const held = orderWith([orderEvent({ type: 'allocated' }), orderEvent({ type: 'hold', reason: 'address check' })]);
    expect(decideScan(held, products, none, MUG)).toMatchObject({ ok: false, reason: 'order_not_packable' });
    const cancelled = orderWith([orderEvent({ type: 'cancelled', reason: 'customer' })]);
    expect(decideScan(cancelled, products, none, MUG)).toMatchObject({ ok: false, reason: 'order_not_packable' });
  });
});

describe('sessionQuantities', () => {
  it('adds scans and lets a manual count set the line', () => {
    const q = sessionQuantities({
      orderId: 'o',
      plan: null,
      actions: [
        { kind: 'scan', lineId: 'L1', code: MUG },
        { kind: 'manual', lineId: 'L2', qty: 5, staffId: 's' },
        { kind: 'scan', lineId: 'L2', code: TEA },
      ],
    });
    expect([...q]).toEqual([['L1', 1], ['L2', 6]]);
  });
});

function stamper(): Stamper {
  let n = 0;
  return { tick: () => stamp(1000 + n), newId: () => `id-${++n}`, deviceId: 'dev-1', siteId: 'site-a', staffId: 'staff-1' };
}

describe('planCompletion', () => {
  const box = BOX_SIZES[1] ?? BOX_SIZES[0];
  if (box === undefined) throw new Error('no boxes');
  const input = { order: ready, session: new Map([['L1', 2], ['L2', 1]]), box, weightGrams: 900, trackingNumber: 'PL000100000017', orderMovements: [] };

  it('refuses until every line is packed', () => {
    expect(planCompletion({ ...input, session: new Map([['L1', 2]]) }, stamper())).toEqual({ error: 'not_fully_packed' });
    expect(planCompletion({ ...input, weightGrams: 0 }, stamper())).toEqual({ error: 'bad_weight' });
  });

  it('packs, ships and moves stock so the order folds to shipped and the ledger balances', () => {
    const plan = planCompletion(input, stamper());
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.events.map((e) => e.type)).toEqual(['packed', 'packed', 'shipped']);
    expect(plan.shipment).toMatchObject({ carrier: 'packline-fleet', trackingNumber: 'PL000100000017', status: 'created', orderId: 'order-1' });
    expect(plan.shipment.packages[0]?.lines).toEqual([{ lineId: 'L1', sku: 'MUG-BLUE', qty: 2 }, { lineId: 'L2', sku: 'TEA-EARL', qty: 1 }]);
    const shipped = foldOrder({ ...ready, events: [...ready.events, ...plan.events] });
    expect(shipped.status).toBe('shipped');
    expect(shipped.openExceptions).toBe(0);
    // Stock received, then shipped with the reservation the plan adds: on hand drops, nothing stays reserved.
    const receipts = [buildMovement({ id: 'r1', quantity: 10 }), buildMovement({ id: 'r2', productId: 'prod-2', sku: 'TEA-EARL', quantity: 4 })];
    const totals = [...sumLedger([...receipts, ...plan.movements]).values()];
    expect(totals.map((t) => [t.sku, t.onHand, t.reserved])).toEqual([['MUG-BLUE', 8, 0], ['TEA-EARL', 3, 0]]);
  });

  it('uses reservations that already exist instead of adding new ones', () => {
    const reserved = [{ kind: 'reservation' as const, sku: 'MUG-BLUE', quantity: 2 }];
    const plan = planCompletion({ ...input, orderMovements: reserved }, stamper());
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.movements.map((m) => `${m.kind}:${m.sku}:${m.quantity}`)).toEqual(['ship:MUG-BLUE:2', 'reservation:TEA-EARL:1', 'ship:TEA-EARL:1']);
  });
});

describe('tracking numbers', () => {
  it('never repeat on one station, even when local storage was lost', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const seq = trackingSequence(storage, 'PL', 7);
    const a = await seq.next(async () => 0);
    const b = await seq.next(async () => 0);
    expect(a).not.toBe(b);
    store.clear();
    const c = await trackingSequence(storage, 'PL', 7).next(async () => highestSeq([a, b], 'PL', 7));
    expect([a, b]).not.toContain(c);
    expect(highestSeq([c, 'junk'], 'PL', 7)).toBe(3);
  });

  it('derives a station number in range', () => {
    for (const id of ['a', 'dev-1', '0190f0e2-7b7c-7abc-8def-0123456789ab']) {
      expect(stationNoOf(id)).toBeGreaterThanOrEqual(1);
      expect(stationNoOf(id)).toBeLessThanOrEqual(9999);
    }
  });
});
