import * as fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { deriveOrder, foldOrder } from '../../shared/orders/fold.ts';
import { Order, type OrderEvent } from '../../shared/schema/orders.ts';
import { eventsArb, fcSeed, linesArb, permutedWithDuplicates } from './arbitraries.ts';
import { LINES, orderEvent, orderInput, orderWith, SITE_A, SITE_B, stamp } from './builders.ts';

const seed = fcSeed();
const checkOrder = Compile(Order);

const scenarioArb = fc.record({ lines: linesArb, events: eventsArb });

describe('foldOrder: properties', () => {
  it('gives the same order for any permutation and duplication of the events', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) => fc.tuple(fc.constant(s), permutedWithDuplicates(s.events))),
        ([s, shuffled]) => {
          const reference = foldOrder(orderInput({ lines: s.lines, events: s.events }));
          const folded = foldOrder(orderInput({ lines: s.lines, events: shuffled }));
          expect(folded).toStrictEqual(reference);
          expect(JSON.stringify(folded)).toBe(JSON.stringify(reference));
          expect(checkOrder.Check(folded)).toBe(true);
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('is idempotent, and deriveOrder agrees with it', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const once = foldOrder(orderInput(s));
        expect(foldOrder(once)).toStrictEqual(once);
        const { siteId, status, lineState, payments, paymentStatus, onHold, exceptions, openExceptions } = once;
        expect(deriveOrder(orderInput(s))).toStrictEqual({ siteId, status, lineState, payments, paymentStatus, onHold, exceptions, openExceptions });
      }),
      { seed, numRuns: 200 },
    );
  });

  it('sums line quantities exactly, without clamping', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const order = foldOrder(orderInput(s));
        const sum = (pick: (e: OrderEvent) => number) => s.events.reduce((n, e) => n + pick(e), 0);
        for (const l of order.lineState) {
          expect(l.packed).toBe(sum((e) => (e.type === 'packed' && e.lineId === l.lineId ? e.qty : 0)));
          expect(l.shipped).toBe(sum((e) => (e.type === 'shipped' ? e.lines.filter((x) => x.lineId === l.lineId).reduce((n, x) => n + x.qty, 0) : 0)));
          expect(l.returned).toBe(sum((e) => (e.type === 'return_received' && e.lineId === l.lineId ? e.qty : 0)));
        }
        expect(order.openExceptions).toBe(order.exceptions.filter((x) => !x.resolved).length);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('resolves exactly the exceptions an exception_resolved event names, on every replica alike', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) => {
          const ids = foldOrder(orderInput(s)).exceptions.map((x) => x.id);
          return fc.tuple(fc.constant(s), fc.subarray(ids));
        }),
        ([s, toResolve]) => {
          const resolutions = toResolve.map((exceptionId, i) => orderEvent({ type: 'exception_resolved', exceptionId }, { id: `r${i}`, at: stamp(100 + i) }));
          const events = [...s.events, ...resolutions];
          const order = foldOrder(orderInput({ lines: s.lines, events }));
          for (const x of order.exceptions) expect(x.resolved).toBe(toResolve.includes(x.id));
          expect(order.openExceptions).toBe(order.exceptions.length - toResolve.length);
          expect(foldOrder(orderInput({ lines: s.lines, events: [...events].reverse() }))).toStrictEqual(order);
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});

describe('foldOrder: lifecycle', () => {
  const ev = orderEvent;

  it('starts pending and unpaid, with one line state per line', () => {
    const order = orderWith([]);
    expect(order).toMatchObject({ status: 'pending', paymentStatus: 'unpaid', onHold: false, siteId: SITE_A, exceptions: [], openExceptions: 0, payments: [] });
    expect(order.lineState).toStrictEqual([
      { lineId: 'L1', ordered: 2, picked: 0, packed: 0, shipped: 0, returned: 0 },
      { lineId: 'L2', ordered: 1, picked: 0, packed: 0, shipped: 0, returned: 0 },
    ]);
  });

  it('moves through ready, picking and packed', () => {
    const allocated = ev({ type: 'allocated' }, { at: stamp(1) });
    const picked = ev({ type: 'picked', lineId: 'L1', qty: 2 }, { at: stamp(2) });
    const packedL1 = ev({ type: 'packed', lineId: 'L1', qty: 2 }, { at: stamp(3) });
    const packedL2 = ev({ type: 'packed', lineId: 'L2', qty: 1 }, { at: stamp(4) });
    expect(orderWith([allocated]).status).toBe('ready');
    expect(orderWith([allocated, picked]).status).toBe('picking');
    expect(orderWith([allocated, picked, packedL1]).status).toBe('picking');
    expect(orderWith([allocated, picked, packedL1, packedL2]).status).toBe('packed');
  });

  it('holds by the last hold or release in clock order, and a hold never hides a shipment', () => {
    const hold = ev({ type: 'hold', reason: 'fraud check' }, { at: stamp(5) });
    const release = ev({ type: 'hold_released' }, { at: stamp(6) });
    const lateHold = ev({ type: 'hold', reason: 'again' }, { at: stamp(7) });
    expect(orderWith([hold])).toMatchObject({ onHold: true, status: 'on_hold' });
    expect(orderWith([release, hold])).toMatchObject({ onHold: false, status: 'pending' });
    expect(orderWith([lateHold, release, hold])).toMatchObject({ onHold: true, status: 'on_hold' });
    const shipped = ev({ type: 'shipped', shipmentId: 'shp-1', lines: [{ lineId: 'L1', qty: 1 }] }, { at: stamp(8) });
    expect(orderWith([hold, shipped])).toMatchObject({ onHold: true, status: 'partially_shipped' });
  });

  it('partially ships, ships, then delivers once every shipment is delivered', () => {
    const ship1 = ev({ type: 'shipped', shipmentId: 'shp-1', lines: [{ lineId: 'L1', qty: 2 }] }, { at: stamp(10) });
    const ship2 = ev({ type: 'shipped', shipmentId: 'shp-2', lines: [{ lineId: 'L2', qty: 1 }] }, { at: stamp(11) });
    const deliver1 = ev({ type: 'delivered', shipmentId: 'shp-1' }, { at: stamp(12) });
    const deliver2 = ev({ type: 'delivered', shipmentId: 'shp-2' }, { at: stamp(13) });
    expect(orderWith([ship1]).status).toBe('partially_shipped');
    expect(orderWith([ship1, deliver1]).status).toBe('partially_shipped');
    expect(orderWith([ship1, ship2]).status).toBe('shipped');
    expect(orderWith([ship1, ship2, deliver1]).status).toBe('shipped');
    const done = orderWith([ship1, ship2, deliver1, deliver2]);
    expect(done.status).toBe('delivered');
    expect(done.lineState.map((l) => l.shipped)).toStrictEqual([2, 1]);
    expect(done.exceptions).toStrictEqual([]);
  });

  it('is returned only when every shipped unit came back', () => {
    const ship = ev({ type: 'shipped', shipmentId: 'shp-1', lines: [{ lineId: 'L1', qty: 2 }, { lineId: 'L2', qty: 1 }] }, { at: stamp(10) });
    const delivered = ev({ type: 'delivered', shipmentId: 'shp-1' }, { at: stamp(11) });
    const back = (lineId: string, qty: number, ms: number) =>
      ev({ type: 'return_received', lineId, qty, reason: 'too big', condition: 'resellable' }, { at: stamp(ms) });
    const partial = orderWith([ship, delivered, back('L1', 1, 20)]);
    expect(partial.status).toBe('delivered');
    expect(partial.lineState[0]?.returned).toBe(1);
    expect(orderWith([ship, delivered, back('L1', 2, 20), back('L2', 1, 21)]).status).toBe('returned');
  });

  it('takes the site from the created event, then the last reassignment, else the input', () => {
    const moveB = ev({ type: 'reassigned', toSiteId: SITE_B }, { at: stamp(5) });
    const moveA = ev({ type: 'reassigned', toSiteId: SITE_A }, { at: stamp(6) });
    expect(orderWith([], { siteId: SITE_B }).siteId).toBe(SITE_A);
    expect(orderWith([moveA, moveB]).siteId).toBe(SITE_A);
    expect(orderWith([moveB]).siteId).toBe(SITE_B);
    expect(foldOrder(orderInput({ siteId: SITE_B, events: [] })).siteId).toBe(SITE_B);
  });

  it('keeps work on a line the header no longer has, as a line with nothing ordered', () => {
    const packedGone = ev({ type: 'packed', lineId: 'L9', qty: 1 }, { at: stamp(3) });
    const order = orderWith([packedGone], { lines: LINES });
    expect(order.lineState.at(-1)).toStrictEqual({ lineId: 'L9', ordered: 0, picked: 0, packed: 1, shipped: 0, returned: 0 });
    expect(order.exceptions.map((x) => x.code)).toStrictEqual(['packed_twice']);
  });
});
