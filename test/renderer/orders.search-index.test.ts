import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderSearchIndex, looksLikeNumber, normalise, queryTokens, tokensOf, type IndexedOrder } from '../../renderer/orders/search-index.ts';

const order = (id: string, number: string, customerName: string, email: string, skus: string[], more: Partial<IndexedOrder> = {}): IndexedOrder => ({
  id, number, customerName, email, lines: skus.map((sku) => ({ sku, quantity: 2, unitPrice: 1000 })),
  status: 'ready', openExceptions: 0, siteId: 'site-a', shipBy: '2026-11-30', currency: 'EUR', ...more,
});

function sample(): OrderSearchIndex {
  const index = new OrderSearchIndex();
  index.bulkLoad(
    [
      order('o1', 'PL-100001', 'María García', 'maria.garcia@example.es', ['SKU-00012', 'SKU-00450']),
      order('o2', 'PL-100002', 'Marco Rossi', 'marco.rossi@example.it', ['SKU-00012']),
      order('o3', 'PL-100010', 'Amy Hughes', 'amy@example.co.uk', ['SKU-01999']),
    ],
    [{ id: 's1', orderId: 'o2', trackingNumber: 'PL00020000000021' }],
  );
  return index;
}

describe('tokens', () => {
  it('drops accents and case, splits on separators and keeps the squeezed value', () => {
    expect(normalise('García')).toBe('garcia');
    expect(tokensOf('PL-100234')).toEqual(['pl', '100234', 'pl100234']);
    expect(tokensOf('SKU7')).toEqual(['sku7']);
    expect(queryTokens('  pl 100  PL ')).toEqual(['100', 'pl']);
  });

  it('tells a typed or scanned number from words', () => {
    for (const q of ['PL-100234', 'pl100234', '100234', ' PL 1002 ', 'PL00020000000021']) expect(looksLikeNumber(q)).toBe(true);
    for (const q of ['', 'PL-10', 'garcia', 'SKU-00012 mug', 'mug 12', '1234 ana']) expect(looksLikeNumber(q)).toBe(false);
  });
});

describe('OrderSearchIndex', () => {
  it('finds an order by number, with or without the dash, and by its digits alone', () => {
    const index = sample();
    expect(index.search('PL-100002')).toEqual(['o2']);
    expect(index.search('pl100002')).toEqual(['o2']);
    expect(index.search('100002')).toEqual(['o2']);
    expect(index.search('PL-10000').sort()).toEqual(['o1', 'o2']);
  });

  it('finds by customer name without accents, by email and by SKU', () => {
    const index = sample();
    expect(index.search('garcia')).toEqual(['o1']);
    expect(index.search('Maria Garc')).toEqual(['o1']);
    expect(index.search('marco.rossi@example.it')).toEqual(['o2']);
    expect(index.search('amy@')).toEqual(['o3']);
    expect(index.search('SKU-00012').sort()).toEqual(['o1', 'o2']);
    expect(index.search('sku-00450')).toEqual(['o1']);
  });

  it('finds the order of a shipment by tracking number', () => {
    const index = sample();
    expect(index.search('PL00020000000021')).toEqual(['o2']);
    expect(index.search('pl0002')).toEqual(['o2']);
  });

  it('requires every word to match and honours the limit', () => {
    const index = sample();
    expect(index.search('marco garcia')).toEqual([]);
    expect(index.search('example', 2)).toHaveLength(2);
    expect(index.search('')).toEqual(['o1', 'o2', 'o3']);
    expect(index.search('zzz')).toEqual([]);
  });

  it('follows updates and removals after the bulk load', () => {
    const index = sample();
    index.search('x'); // builds the sorted tokens, so later writes take the incremental path
    index.setOrder(order('o3', 'PL-100010', 'Amy Hughes-Lee', 'amy.lee@example.co.uk', ['SKU-02000']));
    expect(index.search('amyexamplecouk')).toEqual([]);
    expect(index.search('lee')).toEqual(['o3']);
    expect(index.search('SKU-01999')).toEqual([]);
    index.setShipment({ id: 's2', orderId: 'o3', trackingNumber: 'PL00030000000031' });
    expect(index.search('PL00030000000031')).toEqual(['o3']);
    index.removeShipment('s2');
    expect(index.search('PL00030000000031')).toEqual([]);
    index.removeOrder('o1');
    expect(index.search('garcia')).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('keeps the fields a row shows and follows changes to them', () => {
    const index = sample();
    const row = index.summaryOf('o1');
    expect(row).toEqual({
      id: 'o1', number: 'PL-100001', customerName: 'María García', email: 'maria.garcia@example.es', status: 'ready',
      openExceptions: 0, siteId: 'site-a', shipBy: '2026-11-30', currency: 'EUR', total: 4000,
    });
    // The same fields again: the very same row, so the list need not redraw it.
    index.setOrder(order('o1', 'PL-100001', 'María García', 'maria.garcia@example.es', ['SKU-00012', 'SKU-00450']));
    expect(index.summaryOf('o1')).toBe(row);
    index.setOrder(order('o1', 'PL-100001', 'María García', 'maria.garcia@example.es', ['SKU-00012'], { status: 'shipped', openExceptions: 1 }));
    expect(index.summaryOf('o1')).toMatchObject({ status: 'shipped', openExceptions: 1, total: 2000 });
    expect(index.search('sku-00450')).toEqual([]);
    index.removeOrder('o1');
    expect(index.summaryOf('o1')).toBeUndefined();
  });

  it('shows an order found by tracking number only once the order itself is indexed', () => {
    const index = new OrderSearchIndex();
    index.setShipment({ id: 's9', orderId: 'o9', trackingNumber: 'PL00090000000091' });
    expect(index.search('PL00090000000091')).toEqual([]);
    expect(index.size).toBe(0);
    index.setOrder(order('o9', 'PL-100009', 'Ana Ruiz', 'ana@x.es', ['SKU-1']));
    expect(index.search('PL00090000000091')).toEqual(['o9']);
    expect(index.search('ruiz pl0009')).toEqual(['o9']);
    index.removeShipment('s9');
    expect(index.search('PL00090000000091')).toEqual([]);
    expect(index.search('ruiz')).toEqual(['o9']);
  });

  it('lists every order for the empty query in the order indexed, a removed one gone', () => {
    const index = sample();
    index.removeOrder('o3');
    expect(index.search('')).toEqual(['o1', 'o2']);
    index.setOrder(order('o4', 'PL-100004', 'Zoe Bell', 'zoe@x.io', ['SKU-9']));
    index.setOrder(order('o3', 'PL-100010', 'Amy Hughes', 'amy@example.co.uk', ['SKU-01999']));
    expect(index.search('')).toEqual(['o1', 'o2', 'o4', 'o3']);
    expect(index.search('', 2)).toEqual(['o1', 'o2']);
  });

  it('agrees with a brute-force scan after random writes of orders and shipments (seeded)', () => {
    const word = fc.constantFrom('ana', 'anna', 'bea', 'sku-1', 'sku-12', 'pl-7', 'rossi', 'ross');
    const status = fc.constantFrom('ready' as const, 'packed' as const, 'shipped' as const);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('order' as const), id: fc.integer({ min: 0, max: 9 }), name: word, email: word, sku: word, status, remove: fc.boolean() }),
      fc.record({ kind: fc.constant('shipment' as const), id: fc.integer({ min: 0, max: 5 }), orderId: fc.integer({ min: 0, max: 9 }), tracking: word, remove: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), word, fc.boolean(), (ops, query, bulk) => {
        const index = new OrderSearchIndex();
        const orders = new Map<string, IndexedOrder>();
        const shipments = new Map<string, { orderId: string; tracking: string }>();
        if (bulk) index.bulkLoad([]);
        for (const o of ops) {
          if (o.kind === 'order') {
            const id = `o${o.id}`;
            if (o.remove) {
              index.removeOrder(id);
              orders.delete(id);
            } else {
              const doc = order(id, `PL-${o.id}`, o.name, `${o.email}@x.io`, [o.sku], { status: o.status });
              index.setOrder(doc);
              orders.set(id, doc);
            }
          } else {
            const id = `s${o.id}`;
            if (o.remove) {
              index.removeShipment(id);
              shipments.delete(id);
            } else {
              index.setShipment({ id, orderId: `o${o.orderId}`, trackingNumber: o.tracking });
              shipments.set(id, { orderId: `o${o.orderId}`, tracking: o.tracking });
            }
          }
        }
        const words = queryTokens(query);
        const expected = [...orders.values()]
          .filter((d) => {
            const tracking = [...shipments.values()].filter((s) => s.orderId === d.id).map((s) => s.tracking);
            const tokens = [d.number, d.customerName, d.email, ...d.lines.map((l) => l.sku), ...tracking].flatMap(tokensOf);
            return words.every((w) => tokens.some((t) => t.startsWith(w)));
          })
          .map((d) => d.id)
          .sort();
        expect(index.search(query).sort()).toEqual(expected);
        expect(index.size).toBe(orders.size);
        for (const d of orders.values()) expect(index.summaryOf(d.id)).toMatchObject({ number: d.number, customerName: d.customerName, status: d.status });
      }),
      { seed: 20_261_122, numRuns: 400 },
    );
  });
});
