import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToTotals, movementEffect, stockKey, sumLedger, validateMovement, type StockTotals } from '../../shared/inventory/ledger.ts';
import type { Movement, MovementKind } from '../../shared/schema/movements.ts';
import { fcSeed, movementsArb, permutedWithDuplicates } from './arbitraries.ts';
import { buildMovement, SITE_A, SITE_B } from './builders.ts';

const seed = fcSeed();

const mv = (id: string, kind: MovementKind, quantity: number, siteId = SITE_A, sku = 'MUG-BLUE'): Movement =>
  buildMovement({ id, kind, quantity, siteId, sku });

/** Totals in key order, whatever order the map was filled in. */
const sortedValues = (t: Map<string, StockTotals>) => [...t.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

describe('movementEffect', () => {
  it.each<[MovementKind, number, number, number]>([
    ['receipt', 5, 5, 0],
    ['reservation', 5, 0, 5],
    ['release', 5, 0, -5],
    ['ship', 5, -5, -5],
    ['adjustment', -3, -3, 0],
    ['adjustment', 4, 4, 0],
    ['count_correction', -2, -2, 0],
    ['transfer_out', 5, -5, 0],
    ['transfer_in', 5, 5, 0],
    ['return_restock', 5, 5, 0],
  ])('%s of %i: onHand %i, reserved %i', (kind, quantity, onHand, reserved) => {
    expect(movementEffect({ kind, quantity })).toStrictEqual({ onHand, reserved });
  });
});

describe('validateMovement', () => {
  it('wants positive quantities, and non-zero signed ones for corrections', () => {
    expect(validateMovement({ kind: 'receipt', quantity: 1 })).toBeNull();
    expect(validateMovement({ kind: 'receipt', quantity: 0 })).toBe('A receipt needs a positive quantity, got 0');
    expect(validateMovement({ kind: 'transfer_out', quantity: -2 })).toBe('A transfer out needs a positive quantity, got -2');
    expect(validateMovement({ kind: 'adjustment', quantity: -2 })).toBeNull();
    expect(validateMovement({ kind: 'count_correction', quantity: 0 })).toBe('A count correction must change the stock: quantity cannot be 0');
    expect(validateMovement({ kind: 'ship', quantity: 1.5 })).toBe('Quantity must be a whole number, got 1.5');
  });
});

describe('sumLedger', () => {
  it('sums per site and SKU, with available = onHand - reserved, and counts a repeated id once', () => {
    const totals = sumLedger([
      mv('m1', 'receipt', 10),
      mv('m2', 'reservation', 3),
      mv('m3', 'ship', 2),
      mv('m3', 'ship', 2),
      mv('m4', 'receipt', 7, SITE_B),
      mv('m5', 'count_correction', -1, SITE_A, 'TEA-EARL'),
    ]);
    expect([...totals.values()]).toStrictEqual([
      { siteId: SITE_A, sku: 'MUG-BLUE', onHand: 8, reserved: 1, available: 7 },
      { siteId: SITE_A, sku: 'TEA-EARL', onHand: -1, reserved: 0, available: -1 },
      { siteId: SITE_B, sku: 'MUG-BLUE', onHand: 7, reserved: 0, available: 7 },
    ]);
    expect(totals.get(stockKey(SITE_B, 'MUG-BLUE'))?.onHand).toBe(7);
  });

  it('does not depend on the order or duplication of movements, and matches a plain sum', () => {
    fc.assert(
      fc.property(
        movementsArb.chain((ms) => fc.tuple(fc.constant(ms), permutedWithDuplicates(ms))),
        ([ms, shuffled]) => {
          const reference = sumLedger(ms);
          const totals = sumLedger(shuffled);
          expect([...totals]).toStrictEqual([...reference]);
          for (const t of reference.values()) {
            const mine = ms.filter((m) => m.siteId === t.siteId && m.sku === t.sku);
            const onHand = mine.reduce((n, m) => n + movementEffect(m).onHand, 0);
            const reserved = mine.reduce((n, m) => n + movementEffect(m).reserved, 0);
            expect(t).toStrictEqual({ siteId: t.siteId, sku: t.sku, onHand, reserved, available: onHand - reserved });
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('addToTotals overlays movements and takes them back out', () => {
    fc.assert(
      fc.property(movementsArb, movementsArb, (base, overlay) => {
        const ids = new Set(base.map((m) => m.id));
        const extra = overlay.map((m) => ({ ...m, id: `o-${m.id}` })).filter((m) => !ids.has(m.id));
        const totals = sumLedger(base);
        for (const m of extra) addToTotals(totals, m);
        const combined = sumLedger([...base, ...extra]);
        expect(sortedValues(totals)).toStrictEqual(sortedValues(combined));
        for (const m of extra) addToTotals(totals, m, -1);
        for (const [key, t] of totals) {
          const before = sumLedger(base).get(key) ?? { siteId: t.siteId, sku: t.sku, onHand: 0, reserved: 0, available: 0 };
          expect(t).toStrictEqual(before);
        }
      }),
      { seed, numRuns: 200 },
    );
  });
});
