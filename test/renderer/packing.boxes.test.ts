import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOX_FILL, BOX_SIZES, suggestBox, type BoxItem } from '../../renderer/packing/boxes.ts';
import type { Dimensions } from '../../shared/schema/common.ts';

const item = (lengthMm: number, widthMm: number, heightMm: number, quantity = 1): BoxItem => ({ dimensions: { lengthMm, widthMm, heightMm }, quantity });
const vol = (d: Dimensions): number => d.lengthMm * d.widthMm * d.heightMm;
const rank = (code: string): number => BOX_SIZES.findIndex((b) => b.code === code);
const sides = (d: Dimensions): number[] => [d.lengthMm, d.widthMm, d.heightMm].sort((x, y) => y - x);

/** Every item of known size fits the carton along its sides, and all of them fill at most BOX_FILL of it. */
function holds(box: Dimensions, items: readonly BoxItem[]): boolean {
  const known = items.filter((i) => i.quantity > 0 && vol(i.dimensions) > 0);
  const room = sides(box);
  const total = known.reduce((s, i) => s + vol(i.dimensions) * i.quantity, 0);
  return total <= vol(box) * BOX_FILL && known.every((i) => sides(i.dimensions).every((s, k) => s <= (room[k] ?? 0)));
}

const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2_147_483_647);

describe('suggested box', () => {
  it('takes the smallest carton the items fit in, by size and by volume', () => {
    // A paperback: flat, into the envelope.
    expect(suggestBox([item(200, 130, 20)])?.code).toBe('ENV');
    // Two mugs: too tall for the envelope, well within Small.
    expect(suggestBox([item(120, 90, 100, 2)])?.code).toBe('S');
    // A long thin item fits Medium turned on its side, not Small (250 mm long).
    expect(suggestBox([item(80, 330, 60)])?.code).toBe('M');
    // Ten mugs: each fits Small, all of them do not (volume).
    expect(suggestBox([item(120, 90, 100, 10)])?.code).toBe('L');
  });

  it('suggests nothing when an item’s size is unknown or there is nothing left to pack, and the largest carton when nothing fits', () => {
    // Three items of unknown size beside a paperback: the envelope would be a guess.
    expect(suggestBox([item(0, 0, 0, 3), item(200, 130, 20)])).toBeNull();
    expect(suggestBox([item(600, 400, 0), item(200, 130, 20)])).toBeNull();
    expect(suggestBox([])).toBeNull();
    // A line already shipped in full (nothing left of it) does not count.
    expect(suggestBox([item(0, 0, 0, 0), item(200, 130, 20)])?.code).toBe('ENV');
    expect(suggestBox([item(900, 100, 100)])?.code).toBe('XL');
  });

  it('never suggests a carton an item sticks out of or that is overfilled, unless none would do; adding items never shrinks it', () => {
    console.log(`fast-check seed ${seed} (FC_SEED to repeat)`);
    const dims = fc.record({ lengthMm: fc.integer({ min: 0, max: 700 }), widthMm: fc.integer({ min: 0, max: 500 }), heightMm: fc.integer({ min: 0, max: 450 }) });
    const items = fc.array(fc.record({ dimensions: dims, quantity: fc.integer({ min: 0, max: 6 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(items, items, (some, more) => {
        const box = suggestBox(some);
        const unknown = some.some((i) => i.quantity > 0 && vol(i.dimensions) === 0) || some.every((i) => i.quantity === 0);
        expect(box === null).toBe(unknown);
        // The largest carton is also the answer when nothing fits; any other must hold them.
        expect(box === null || box === BOX_SIZES.at(-1) || holds(box.dimensions, some)).toBe(true);
        const bigger = suggestBox([...some, ...more]);
        expect(box === null || bigger === null || rank(bigger.code) >= rank(box.code)).toBe(true);
      }),
      { seed },
    );
  });
});
