import { Type, type Static } from 'typebox';

/** Document ids are client-made UUIDv7 strings (36 chars); the limit leaves room for ULIDs and prefixes. */
export const Id = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
/** A hybrid-logical-clock stamp; see shared/clock/hlc.ts. Sorts lexicographically. */
export const HlcStamp = Type.String({ minLength: 1, maxLength: 80 });
export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', minLength: 2, maxLength: 2 });
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 });
/** Money is integer minor units (cents) so sums are exact. */
export const MinorUnits = Type.Integer({ minimum: 0, maximum: 1e12 });
export const Sku = Type.String({ minLength: 1, maxLength: 64 });
export const ShortText = Type.String({ maxLength: 200 });
export const LongText = Type.String({ maxLength: 4000 });

export const Address = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(ShortText),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Type.String({ minLength: 1, maxLength: 20 }),
    country: CountryCode,
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof Address>;

export const Dimensions = Type.Object(
  {
    lengthMm: Type.Integer({ minimum: 0, maximum: 10_000 }),
    widthMm: Type.Integer({ minimum: 0, maximum: 10_000 }),
    heightMm: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type Dimensions = Static<typeof Dimensions>;

/** Who and where an event or movement was written: the server checks these against the token. */
export const Actor = {
  at: HlcStamp,
  deviceId: Type.String({ minLength: 1, maxLength: 64 }),
  siteId: Id,
  staffId: Type.Optional(Id),
};

export const StaffRole = StringEnum(['packer', 'lead', 'customer_service', 'manager', 'admin']);
export type StaffRole = Static<typeof StaffRole>;

/**
 * A closed set of strings as `{type: 'string', enum}`: unlike a union of literals, RxDB can
 * index it, and validation errors name the allowed values.
 */
export function StringEnum<const T extends readonly string[]>(values: T, options: { maxLength?: number } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], maxLength: options.maxLength ?? 40 });
}
