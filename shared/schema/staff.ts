import { Type, type Static } from 'typebox';
import { HlcStamp, Id, StaffRole } from './common.ts';

export const Staff = Type.Object(
  {
    id: Id,
    siteId: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: StaffRole,
    badgeCode: Type.String({ minLength: 1, maxLength: 64 }),
    /** argon2id encoded hash of the PIN, checked offline at the station. */
    pinHash: Type.String({ minLength: 1, maxLength: 200 }),
    active: Type.Boolean(),
    hlc: HlcStamp,
  },
  { additionalProperties: false },
);
export type Staff = Static<typeof Staff>;
