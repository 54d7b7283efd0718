import { Type, type Static } from 'typebox';
import { Address, CountryCode, CurrencyCode, HlcStamp, Id } from './common.ts';

export const Site = Type.Object(
  {
    id: Id,
    code: Type.String({ pattern: '^[A-Z0-9]{2,8}$', maxLength: 8 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    country: CountryCode,
    timezone: Type.String({ minLength: 1, maxLength: 64 }),
    currency: CurrencyCode,
    locale: Type.String({ minLength: 2, maxLength: 16 }),
    address: Address,
    hlc: HlcStamp,
  },
  { additionalProperties: false },
);
export type Site = Static<typeof Site>;
