import { Type, type Static, type TSchema } from 'typebox';
import { Actor, Address, CurrencyCode, HlcStamp, Id, IsoDate, MinorUnits, ShortText, Sku, StringEnum } from './common.ts';

export const PaymentMethod = StringEnum(['card', 'paypal', 'bank_transfer', 'cash_on_delivery', 'gift_card', 'store_credit']);
export type PaymentMethod = Static<typeof PaymentMethod>;

export const OrderLine = Type.Object(
  {
    lineId: Type.String({ minLength: 1, maxLength: 40 }),
    productId: Id,
    sku: Sku,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unitPrice: MinorUnits,
  },
  { additionalProperties: false },
);
export type OrderLine = Static<typeof OrderLine>;

const LineQty = { lineId: Type.String({ minLength: 1, maxLength: 40 }), qty: Type.Integer({ minimum: 1, maximum: 100_000 }) };
const ev = <T extends string, P extends Record<string, TSchema>>(type: T, props: P) =>
  Type.Object({ id: Id, type: Type.Literal(type), ...Actor, ...props }, { additionalProperties: false });

/**
 * The order's grow-only event log. Status and every derived field are a fold of it
 * (shared/orders/fold.ts); merging two replicas is a union by event id.
 */
export const OrderEvent = Type.Union([
  ev('created', {}),
  ev('allocated', {}),
  ev('picked', LineQty),
  ev('packed', { ...LineQty, packageId: Type.Optional(Type.String({ maxLength: 40 })) }),
  ev('shipped', {
    shipmentId: Id,
    lines: Type.Array(Type.Object(LineQty, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  }),
  ev('delivered', { shipmentId: Id }),
  ev('hold', { reason: ShortText }),
  ev('hold_released', {}),
  ev('cancel_requested', { reason: ShortText }),
  ev('cancelled', { reason: ShortText }),
  ev('reassigned', { toSiteId: Id }),
  ev('return_received', {
    ...LineQty,
    reason: ShortText,
    condition: StringEnum(['resellable', 'damaged', 'defective']),
  }),
  ev('payment_authorized', { paymentId: Type.String({ minLength: 1, maxLength: 64 }), method: PaymentMethod, amount: MinorUnits }),
  ev('payment_captured', { paymentId: Type.String({ minLength: 1, maxLength: 64 }), amount: MinorUnits }),
  ev('refunded', { paymentId: Type.String({ minLength: 1, maxLength: 64 }), amount: MinorUnits, reason: Type.Optional(ShortText) }),
  ev('note', { text: Type.String({ minLength: 1, maxLength: 4000 }) }),
  ev('exception_resolved', { exceptionId: Type.String({ minLength: 1, maxLength: 200 }), text: Type.Optional(ShortText) }),
]);
export type OrderEvent = Static<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];

/** The highest order priority; the pack queue reads the levels from here down to 0. */
export const PRIORITY_MAX = 9;

export const OrderStatus = StringEnum(['pending', 'ready', 'picking', 'packed', 'partially_shipped', 'shipped', 'delivered', 'on_hold', 'cancelled', 'returned']);
export type OrderStatus = Static<typeof OrderStatus>;

export const PaymentStatus = StringEnum(['unpaid', 'authorized', 'partially_captured', 'captured', 'partially_refunded', 'refunded']);
export type PaymentStatus = Static<typeof PaymentStatus>;

/** Every kind of clash the fold flags (shared/orders/exceptions.ts). */
export const ORDER_EXCEPTION_CODES = ['cancelled_and_shipped', 'packed_twice', 'shipped_twice', 'wrong_site', 'over_refunded', 'over_returned'] as const;
export const OrderExceptionCode = StringEnum(ORDER_EXCEPTION_CODES);
export type OrderExceptionCode = Static<typeof OrderExceptionCode>;

/**
 * What a sentence about an exception needs, by its code (shared/orders/exceptions.ts). Things
 * are given by id: a screen names them as a person knows them (a shipment by its tracking
 * number, a site by its code) from the documents it holds, and words the sentence in its own
 * language.
 * - cancelled_and_shipped: shipmentId; total = units in that shipment.
 * - packed_twice, shipped_twice: lineId, sku; total packed (or shipped), limit = ordered.
 * - over_returned: lineId, sku; total returned, limit = shipped.
 * - wrong_site: siteId (where it was packed or shipped), orderSiteId (the order's fulfilling site).
 * - over_refunded: paymentId, method; total refunded, limit = captured, in minor units of the order's currency.
 * `sku` is absent for a line the order's header no longer has.
 */
export const OrderExceptionValues = Type.Object(
  {
    shipmentId: Type.Optional(Id),
    lineId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    sku: Type.Optional(Sku),
    siteId: Type.Optional(Id),
    orderSiteId: Type.Optional(Id),
    paymentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    method: Type.Optional(PaymentMethod),
    total: Type.Optional(MinorUnits),
    limit: Type.Optional(MinorUnits),
  },
  { additionalProperties: false },
);
export type OrderExceptionValues = Static<typeof OrderExceptionValues>;

export const OrderException = Type.Object(
  {
    /** Deterministic id built from the clash and the events involved, so every replica names it alike. */
    id: Type.String({ minLength: 1, maxLength: 200 }),
    /** Which clash: screens pick their sentence by it. */
    code: OrderExceptionCode,
    /** The clash in technical English with ids, for logs and support; screens word `code` and its values (explainExceptions) instead. */
    message: Type.String({ maxLength: 500 }),
    eventIds: Type.Array(Id, { maxItems: 50 }),
    resolved: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type OrderException = Static<typeof OrderException>;

/**
 * An exception with the values a sentence about it needs: worked out again from the order's
 * events when a screen shows it (shared/orders/fold.ts explainExceptions), never stored, so the
 * stored order (and every station's local schema) stays as it is.
 */
export type ExplainedException = OrderException & { readonly values: OrderExceptionValues };

/** Everything the fold derives from the events (and the lines). Stored so replicas can index and query it. */
export const OrderDerived = {
  siteId: Id,
  status: OrderStatus,
  lineState: Type.Array(
    Type.Object(
      {
        lineId: Type.String({ minLength: 1, maxLength: 40 }),
        ordered: Type.Integer({ minimum: 0 }),
        picked: Type.Integer({ minimum: 0 }),
        packed: Type.Integer({ minimum: 0 }),
        shipped: Type.Integer({ minimum: 0 }),
        returned: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 500 },
  ),
  payments: Type.Array(
    Type.Object(
      {
        paymentId: Type.String({ minLength: 1, maxLength: 64 }),
        method: PaymentMethod,
        authorized: MinorUnits,
        captured: MinorUnits,
        refunded: MinorUnits,
        status: PaymentStatus,
      },
      { additionalProperties: false },
    ),
    { maxItems: 50 },
  ),
  paymentStatus: PaymentStatus,
  onHold: Type.Boolean(),
  exceptions: Type.Array(OrderException, { maxItems: 200 }),
  /** Number of unresolved exceptions, indexed so a manager can list clashes. */
  openExceptions: Type.Integer({ minimum: 0, maximum: 1000, multipleOf: 1 }),
};

export const Order = Type.Object(
  {
    id: Id,
    /** Human order number printed on slips and scanned at the pack station, e.g. "PL-100234". */
    number: Type.String({ minLength: 1, maxLength: 40 }),
    channel: Type.String({ minLength: 1, maxLength: 40 }),
    externalId: Type.Optional(Type.String({ maxLength: 100 })),
    customerId: Type.Optional(Id),
    customerName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ maxLength: 254 }),
    currency: CurrencyCode,
    lines: Type.Array(OrderLine, { minItems: 1, maxItems: 500 }),
    shippingAddress: Address,
    shippingMethod: Type.String({ minLength: 1, maxLength: 40 }),
    /** 0 (normal) to PRIORITY_MAX; `multipleOf` lets RxDB index it (the pack queue's index). */
    priority: Type.Integer({ minimum: 0, maximum: PRIORITY_MAX, multipleOf: 1 }),
    shipBy: IsoDate,
    createdAt: HlcStamp,
    /** Clock of the last header edit (customer, address, method, priority, lines): last writer wins. */
    hlc: HlcStamp,
    events: Type.Array(OrderEvent, { maxItems: 5000 }),
    ...OrderDerived,
  },
  { additionalProperties: false },
);
export type Order = Static<typeof Order>;
