import { Type, type Static } from 'typebox';
import { Dimensions, HlcStamp, Id, Sku, StringEnum } from './common.ts';

export const BarcodeType = StringEnum(['EAN13', 'UPCA', 'GTIN14']);
export type BarcodeType = Static<typeof BarcodeType>;

export const Barcode = Type.Object(
  { type: BarcodeType, value: Type.String({ pattern: '^[0-9]{12,14}$', maxLength: 14 }) },
  { additionalProperties: false },
);
export type Barcode = Static<typeof Barcode>;

export const Product = Type.Object(
  {
    id: Id,
    sku: Sku,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    barcodes: Type.Array(Barcode, { maxItems: 20 }),
    weightGrams: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    dimensions: Dimensions,
    /** Storage bin per site, e.g. { siteId, bin: 'A-03-2' }. */
    bins: Type.Array(
      Type.Object({ siteId: Id, bin: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
      { maxItems: 50 },
    ),
    active: Type.Boolean(),
    hlc: HlcStamp,
  },
  { additionalProperties: false },
);
export type Product = Static<typeof Product>;
