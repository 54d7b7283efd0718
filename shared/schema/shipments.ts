import { Type, type Static } from 'typebox';
import { Actor, Dimensions, HlcStamp, Id, ShortText, Sku, StringEnum } from './common.ts';

export const ShipmentEvent = Type.Object(
  {
    id: Id,
    type: StringEnum(['created', 'label_printed', 'picked_up', 'in_transit', 'delivered', 'failed_delivery', 'returned_to_sender', 'voided']),
    ...Actor,
    text: Type.Optional(ShortText),
  },
  { additionalProperties: false },
);
export type ShipmentEvent = Static<typeof ShipmentEvent>;

export const ShipmentStatus = StringEnum(['created', 'label_printed', 'picked_up', 'in_transit', 'delivered', 'failed_delivery', 'returned_to_sender', 'voided']);
export type ShipmentStatus = Static<typeof ShipmentStatus>;

export const Package = Type.Object(
  {
    packageId: Type.String({ minLength: 1, maxLength: 40 }),
    box: Type.String({ minLength: 1, maxLength: 40 }),
    weightGrams: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    dimensions: Dimensions,
    lines: Type.Array(
      Type.Object(
        { lineId: Type.String({ minLength: 1, maxLength: 40 }), sku: Sku, qty: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type Package = Static<typeof Package>;

export const Shipment = Type.Object(
  {
    id: Id,
    orderId: Id,
    siteId: Id,
    carrier: Type.String({ minLength: 1, maxLength: 40 }),
    service: Type.String({ minLength: 1, maxLength: 40 }),
    trackingNumber: Type.String({ minLength: 1, maxLength: 64 }),
    packages: Type.Array(Package, { minItems: 1, maxItems: 100 }),
    hlc: HlcStamp,
    events: Type.Array(ShipmentEvent, { maxItems: 1000 }),
    /** Derived from the events by the fold. */
    status: ShipmentStatus,
  },
  { additionalProperties: false },
);
export type Shipment = Static<typeof Shipment>;
