import type { Dimensions } from '../../shared/schema/common.ts';

/** The standard cartons on a pack bench; `code` is stored on the package and printed on the slip. */
export type BoxSize = { code: string; dimensions: Dimensions };

export const BOX_SIZES: readonly BoxSize[] = [
  { code: 'ENV', dimensions: { lengthMm: 350, widthMm: 250, heightMm: 30 } },
  { code: 'S', dimensions: { lengthMm: 250, widthMm: 200, heightMm: 100 } },
  { code: 'M', dimensions: { lengthMm: 350, widthMm: 250, heightMm: 150 } },
  { code: 'L', dimensions: { lengthMm: 450, widthMm: 350, heightMm: 250 } },
  { code: 'XL', dimensions: { lengthMm: 600, widthMm: 400, heightMm: 400 } },
];

export function boxByCode(code: string): BoxSize | undefined {
  return BOX_SIZES.find((b) => b.code === code);
}

/** How full a carton may be by volume: items are not liquid, and they need padding. */
export const BOX_FILL = 0.75;

/** What goes in a package: an item's size (zero where the catalog does not know it) and how many. */
export type BoxItem = { readonly dimensions: Dimensions; readonly quantity: number };

function sides(d: Dimensions): [number, number, number] {
  const [a = 0, b = 0, c = 0] = [d.lengthMm, d.widthMm, d.heightMm].sort((x, y) => y - x);
  return [a, b, c];
}

const volume = (d: Dimensions): number => d.lengthMm * d.widthMm * d.heightMm;

/**
 * The smallest standard carton these items go in: each item fits inside it (turned any way
 * along its sides) and together they take at most BOX_FILL of its volume; when nothing fits, the
 * largest carton (the packer splits or picks another). Null when there is nothing to go by: no
 * items, or one whose size the catalog does not know (a side of 0), since a guess from the
 * others could pick a carton too small. The pack screen offers it first; the packer can always
 * choose another.
 */
export function suggestBox(items: readonly BoxItem[]): BoxSize | null {
  const known = items.filter((i) => i.quantity > 0);
  if (known.length === 0 || known.some((i) => volume(i.dimensions) === 0)) return null;
  const total = known.reduce((sum, i) => sum + volume(i.dimensions) * i.quantity, 0);
  const byVolume = [...BOX_SIZES].sort((x, y) => volume(x.dimensions) - volume(y.dimensions));
  const fits = byVolume.find((b) => {
    const [bl, bw, bh] = sides(b.dimensions);
    const roomy = known.every((i) => {
      const [l, w, h] = sides(i.dimensions);
      return l <= bl && w <= bw && h <= bh;
    });
    return roomy && total <= volume(b.dimensions) * BOX_FILL;
  });
  const largest = byVolume.at(-1);
  if (largest === undefined) throw new Error('no box sizes');
  return fits ?? largest;
}
