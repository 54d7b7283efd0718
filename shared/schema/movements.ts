import { Type, type Static } from 'typebox';
import { Actor, Id, ShortText, Sku, StringEnum } from './common.ts';

export const MovementKind = StringEnum(['receipt', 'reservation', 'release', 'ship', 'adjustment', 'transfer_out', 'transfer_in', 'return_restock', 'count_correction']);
export type MovementKind = Static<typeof MovementKind>;

/**
 * One immutable line of the inventory ledger. `quantity` is positive for every kind but
 * adjustment and count_correction, which carry a signed delta. Mistakes are corrected
 * by a new movement, never by an edit.
 */
export const Movement = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    kind: MovementKind,
    productId: Id,
    sku: Sku,
    quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    orderId: Type.Optional(Id),
    transferId: Type.Optional(Id),
    reason: Type.Optional(ShortText),
    ...Actor,
  },
  { additionalProperties: false },
);
export type Movement = Static<typeof Movement>;
