import { Type, type Static } from 'typebox';
import { HlcStamp, Id } from './common.ts';

/**
 * A document the server would not write, and why. Written only by the server and pulled
 * by the station that sent it (and by managers), so a refusal is never silent.
 */
export const Refusal = Type.Object(
  {
    id: Id,
    /** The site whose station pushed the document; empty for an all-sites principal. */
    siteId: Type.String({ maxLength: 40 }),
    collectionName: Type.String({ minLength: 1, maxLength: 40 }),
    documentId: Type.String({ maxLength: 200 }),
    rule: Type.String({ minLength: 1, maxLength: 80 }),
    message: Type.String({ maxLength: 2000 }),
    /** The refused document as it was pushed (JSON text), so nothing the station wrote is lost. */
    document: Type.String({ maxLength: 2_000_000 }),
    principal: Type.String({ maxLength: 200 }),
    at: HlcStamp,
  },
  { additionalProperties: false },
);
export type Refusal = Static<typeof Refusal>;
