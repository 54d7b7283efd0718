import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderSearchIndex, normalise, queryTokens, tokensOf, type IndexedOrder } from '../../renderer/orders/search-index.ts';

const order = (id: string, number: string, customerName: string, email: string, skus: string[]): IndexedOrder => ({
  id, number, customerName, email, lines: skus.map((sku) => ({ sku })),
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

  it('agrees with a brute-force scan after random writes (seeded)', () => {
    const word = fc.constantFrom('ana', 'anna', 'bea', 'sku-1', 'sku-12', 'pl-7', 'rossi', 'ross');
    const op = fc.record({ id: fc.integer({ min: 0, max: 9 }), name: word, email: word, sku: word, remove: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), word, fc.boolean(), (ops, query, bulk) => {
        const index = new OrderSearchIndex();
        const truth = new Map<string, IndexedOrder>();
        if (bulk) index.bulkLoad([]);
        for (const o of ops) {
          const id = `o${o.id}`;
          if (o.remove) {
            index.removeOrder(id);
            truth.delete(id);
          } else {
            const doc = order(id, `PL-${o.id}`, o.name, `${o.email}@x.io`, [o.sku]);
            index.setOrder(doc);
            truth.set(id, doc);
          }
        }
        const words = queryTokens(query);
        const expected = [...truth.values()]
          .filter((d) => {
            const tokens = [d.number, d.customerName, d.email, ...d.lines.map((l) => l.sku)].flatMap(tokensOf);
            return words.every((w) => tokens.some((t) => t.startsWith(w)));
          })
          .map((d) => d.id)
          .sort();
        expect(index.search(query).sort()).toEqual(expected);
      }),
      { seed: 20_261_122, numRuns: 300 },
    );
  });
});
