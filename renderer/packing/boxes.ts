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
