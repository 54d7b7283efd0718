import * as fc from 'fast-check';
import type { RxConflictHandler } from 'rxdb';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { foldOrder } from '../../shared/orders/fold.ts';
import { collections, type CollectionName, type DocOf } from '../../shared/schema/collections.ts';
import type { Order } from '../../shared/schema/orders.ts';
import type { ShipmentEvent } from '../../shared/schema/shipments.ts';
import { makeConflictHandler, mergeDocs, normalizeDoc, sameDoc } from '../../shared/sync/merge.ts';
import { eventsArb, fcSeed, linesArb, SITES, stampArb } from './arbitraries.ts';
import { buildMovement, buildProduct, buildShipment, orderEvent, orderInput, orderWith, SITE_A, stamp } from './builders.ts';

const seed = fcSeed();

type Extras = { _deleted?: boolean; _rev?: string; _meta?: { lwt: number } };
const extrasArb: fc.Arbitrary<Extras> = fc.record(
  { _deleted: fc.boolean(), _rev: fc.constantFrom('1-a', '2-b'), _meta: fc.constant({ lwt: 1 }) },
  { requiredKeys: [] },
);

/** The same document id in three versions, each with its own header, events and RxDB extras. */
function versions<D>(one: (i: number) => fc.Arbitrary<D>): fc.Arbitrary<[D & Extras, D & Extras, D & Extras]> {
  const v = (i: number) => fc.tuple(one(i), extrasArb).map(([d, x]): D & Extras => structuredClone({ ...d, ...x }));
  return fc.tuple(v(0), v(1), v(2));
}

/**
 * The names of the merge laws three versions break (empty when all hold): commutative,
 * associative, idempotent, absorbing, order-independent, and schema-valid results.
 */
function brokenLaws<C extends CollectionName>(collection: C, [a, b, c]: readonly [DocOf<C>, DocOf<C>, DocOf<C>]): string[] {
  const merge = (x: DocOf<C>, y: DocOf<C>) => mergeDocs(collection, x, y);
  const ab = merge(a, b);
  const abc = merge(ab, c);
  const { _deleted: deleted, ...doc }: Record<string, unknown> = abc;
  const laws: [string, boolean][] = [
    ['commutative', sameDoc(ab, merge(b, a))],
    ['associative', sameDoc(abc, merge(a, merge(b, c)))],
    ['idempotent', sameDoc(merge(ab, ab), ab)],
    ['absorbing', sameDoc(merge(a, ab), ab)],
    ['any order', sameDoc(merge(merge(c, a), b), abc)],
    ['_deleted is a boolean or absent', deleted === undefined || typeof deleted === 'boolean'],
    ['schema-valid', schemaValid(collection, doc)],
  ];
  return laws.filter(([, ok]) => !ok).map(([name]) => name);
}

const compiled = new Map<CollectionName, { Check(value: unknown): boolean }>();

function schemaValid(collection: CollectionName, doc: unknown): boolean {
  let validator = compiled.get(collection);
  if (validator === undefined) {
    validator = Compile(collections[collection].schema);
    compiled.set(collection, validator);
  }
  return validator.Check(doc);
}

describe('mergeDocs: laws', () => {
  it('orders: any split of the events between replicas, any headers', () => {
    const universe = fc.record({ linesA: linesArb, linesB: linesArb, events: eventsArb });
    const arb = universe.chain((u) =>
      versions((i) =>
        fc
          .record({ hlc: stampArb, priority: fc.integer({ min: 0, max: 2 }), useB: fc.boolean(), siteId: fc.constantFrom(...SITES), events: fc.subarray(u.events) })
          .map((h) => foldOrder(orderInput({ id: 'order-1', number: `PL-${i}`, hlc: h.hlc, priority: h.priority, lines: h.useB ? u.linesB : u.linesA, siteId: h.siteId, events: h.events }))),
      ),
    );
    fc.assert(fc.property(arb, (docs) => {
      expect(brokenLaws('orders', docs)).toStrictEqual([]);
    }), { seed, numRuns: 250 });
  });

  it('shipments', () => {
    const kinds = fc.constantFrom<ShipmentEvent['type']>('created', 'label_printed', 'picked_up', 'in_transit', 'delivered', 'failed_delivery', 'returned_to_sender', 'voided');
    const pool = fc.array(fc.tuple(kinds, stampArb), { maxLength: 12 }).map((rows) =>
      rows.map(([type, at], i): ShipmentEvent => ({ id: `s${i}`, type, at, deviceId: 'dev-1', siteId: SITE_A })),
    );
    const arb = pool.chain((events) =>
      versions(() =>
        fc.record({ hlc: stampArb, service: fc.constantFrom('next-day', 'economy'), events: fc.subarray(events) }).map((h) => buildShipment(h)),
      ),
    );
    fc.assert(fc.property(arb, (docs) => {
      expect(brokenLaws('shipments', docs)).toStrictEqual([]);
    }), { seed, numRuns: 200 });
  });

  it('lww (products): the whole document with the greater clock', () => {
    const arb = versions(() =>
      fc.record({ hlc: stampArb, name: fc.constantFrom('Blue mug', 'Mug, blue'), active: fc.boolean() }).map((h) => buildProduct(h)),
    );
    fc.assert(fc.property(arb, (docs) => {
      expect(brokenLaws('products', docs)).toStrictEqual([]);
    }), { seed, numRuns: 200 });
  });

  it('immutable (movements)', () => {
    const arb = versions(() => fc.record({ quantity: fc.integer({ min: 1, max: 3 }), at: stampArb }).map((h) => buildMovement(h)));
    fc.assert(fc.property(arb, (docs) => {
      expect(brokenLaws('movements', docs)).toStrictEqual([]);
    }), { seed, numRuns: 200 });
  });

  it('server-written (refusals), by `at`', () => {
    const arb = versions(() =>
      fc.record({ at: stampArb, rule: fc.constantFrom('scope', 'schema') }).map((h) => ({
        id: 'ref-1', siteId: SITE_A, collectionName: 'orders', documentId: 'order-1', message: 'refused', document: '{}', principal: 'dev-1', ...h,
      })),
    );
    fc.assert(fc.property(arb, (docs) => {
      expect(brokenLaws('refusals', docs)).toStrictEqual([]);
    }), { seed, numRuns: 200 });
  });
});

describe('mergeDocs: behaviour', () => {
  it('orders: unions the events and takes the header of the later edit', () => {
    const packed = orderEvent({ type: 'packed', lineId: 'L1', qty: 2 }, { at: stamp(5) });
    const hold = orderEvent({ type: 'hold', reason: 'address' }, { at: stamp(6) });
    const edited = orderWith([hold], { hlc: stamp(7), priority: 5 });
    const station = orderWith([packed], { hlc: stamp(1), priority: 1 });
    const merged = mergeDocs('orders', station, edited);
    expect(merged.priority).toBe(5);
    expect(merged.events.map((e) => e.id)).toStrictEqual(['ev-created', packed.id, hold.id]);
    expect(merged).toMatchObject({ status: 'on_hold', onHold: true });
    expect(merged.lineState[0]?.packed).toBe(2);
  });

  it('a deletion wins only with a strictly greater clock', () => {
    const live = { ...buildProduct({ hlc: stamp(5), name: 'Live' }), _deleted: false };
    const gone = { ...buildProduct({ hlc: stamp(5), name: 'Gone' }), _deleted: true };
    expect(mergeDocs('products', gone, live)).toMatchObject({ name: 'Live', _deleted: false });
    const later = { ...gone, hlc: stamp(6) };
    expect(mergeDocs('products', live, later)).toMatchObject({ name: 'Gone', _deleted: true });
  });

  it('equal clocks: the greater canonical JSON wins, whatever the argument order', () => {
    const a = buildProduct({ name: 'Alpha' });
    const z = buildProduct({ name: 'Zulu' });
    expect(mergeDocs('products', a, z).name).toBe('Zulu');
    expect(mergeDocs('products', z, a).name).toBe('Zulu');
  });

  it('immutable: equal versions give the first, differing ones the smaller canonical JSON', () => {
    const m = buildMovement({ quantity: 5 });
    expect(mergeDocs('movements', m, { ...m })).toStrictEqual(m);
    const other = buildMovement({ quantity: 4 });
    expect(mergeDocs('movements', m, other).quantity).toBe(4);
    expect(mergeDocs('movements', other, m).quantity).toBe(4);
  });

  it('drops RxDB local fields and keeps _deleted when the inputs carry it', () => {
    const p = { ...buildProduct(), _rev: '3-x', _meta: { lwt: 5 }, _attachments: {} };
    const merged: Record<string, unknown> = mergeDocs('products', p, p);
    expect(Object.keys(merged).filter((k) => k.startsWith('_'))).toStrictEqual([]);
    const wire = { ...buildProduct(), _deleted: false };
    expect(Object.keys(mergeDocs('products', wire, buildProduct()))).toContain('_deleted');
  });
});

describe('sameDoc and normalizeDoc', () => {
  it('ignores key order and RxDB local fields, but not _deleted or array order', () => {
    expect(sameDoc({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameDoc({ a: 1, _rev: '1-a', _meta: {}, _attachments: {} }, { a: 1, _rev: '2-b' })).toBe(true);
    expect(sameDoc({ a: 1, _deleted: true }, { a: 1, _deleted: false })).toBe(false);
    expect(sameDoc({ a: 1, _deleted: false }, { a: 1 })).toBe(false);
    expect(sameDoc({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameDoc({ a: undefined }, {})).toBe(true);
    expect(sameDoc({ x: { _rev: 1 } }, { x: {} })).toBe(false);
    expect(sameDoc([1], { 0: 1 })).toBe(false);
  });

  it('normalizes event docs and leaves others alone', () => {
    const order = orderWith([orderEvent({ type: 'allocated' }, { at: stamp(3) })]);
    const messy: Order = { ...order, events: [...order.events].reverse().concat(order.events), status: 'pending' };
    expect(normalizeDoc('orders', messy)).toStrictEqual(order);
    const product = buildProduct();
    expect(normalizeDoc('products', product)).toBe(product);
  });
});

describe('makeConflictHandler', () => {
  it('is an RxDB conflict handler that resolves by merging', async () => {
    const handler: RxConflictHandler<Order> = makeConflictHandler('orders');
    const master = { ...orderWith([orderEvent({ type: 'allocated' }, { at: stamp(3) })]), _deleted: false };
    const fork = { ...orderWith([orderEvent({ type: 'hold', reason: 'x' }, { at: stamp(4) })]), _deleted: false };
    expect(handler.isEqual(master, { ...master }, 'test')).toBe(true);
    expect(handler.isEqual(master, fork, 'test')).toBe(false);
    const resolved = await handler.resolve({ realMasterState: master, newDocumentState: fork }, 'test');
    expect(resolved).toStrictEqual(mergeDocs('orders', master, fork));
    expect(resolved).toMatchObject({ status: 'on_hold', _deleted: false });
    expect(resolved.events).toHaveLength(3);
  });
});
