import { Type, type Static } from 'typebox';
import { Address, CurrencyCode, Id, IsoDate, MinorUnits, Sku } from '../../shared/schema/common.ts';
import { PaymentMethod } from '../../shared/schema/orders.ts';

/** What a storefront sends to create an order (POST /api/v1/orders). Money in minor units. */
export const IntakeBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 40 }),
    externalId: Type.String({ minLength: 1, maxLength: 100 }),
    siteId: Id,
    customer: Type.Object(
      { name: Type.String({ minLength: 1, maxLength: 200 }), email: Type.String({ format: 'email', maxLength: 254 }) },
      { additionalProperties: false },
    ),
    currency: CurrencyCode,
    lines: Type.Array(
      Type.Object({ sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 100_000 }), unitPrice: MinorUnits }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
    shippingAddress: Address,
    shippingMethod: Type.String({ minLength: 1, maxLength: 40 }),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
    shipBy: Type.Optional(IsoDate),
    payment: Type.Optional(
      Type.Object({ method: PaymentMethod, amount: MinorUnits, captured: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type IntakeBody = Static<typeof IntakeBody>;

export type IntakeResult = { orderId: string; number: string; created: boolean };
