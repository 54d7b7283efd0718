import { Type, type Static } from 'typebox';
import { Address, HlcStamp, Id } from './common.ts';

export const Customer = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    addresses: Type.Array(Address, { maxItems: 20 }),
    hlc: HlcStamp,
  },
  { additionalProperties: false },
);
export type Customer = Static<typeof Customer>;
