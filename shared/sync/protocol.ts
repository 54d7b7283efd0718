import { Type, type Static } from 'typebox';
import type { AnyDoc } from '../schema/collections.ts';

/** Base path of the replication endpoints: `${API}/sync/:collection/{pull,push,stream}`. */
export const API_PREFIX = '/api/v1';

/**
 * Pull checkpoint: the last row a client has, in the server's total order (writing
 * transaction id as text, then document id). Opaque to clients.
 */
export const Checkpoint = Type.Object(
  { xid: Type.String({ pattern: '^[0-9]{1,20}$' }), id: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type Checkpoint = Static<typeof Checkpoint>;

/**
 * Names one running replication client (random per start) on its pushes and its event
 * stream, so the server does not poke a client to pull back a write it just pushed itself.
 */
export const CLIENT_HEADER = 'x-packline-client';
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Why the server refuses a pushed document: the `rule` of a refusal, which stations show in
 * their own language (the refusal's `message` is the server's technical English).
 */
export const REFUSAL_RULES = [
  'schema',
  'scope',
  'role',
  'server_only',
  'actor',
  'delete_forbidden',
  'clock_drift',
  'movement_invalid',
  'movement_immutable',
  'event_changed',
  'unprocessable',
] as const;
export type RefusalRule = (typeof REFUSAL_RULES)[number];

export function isRefusalRule(s: string): s is RefusalRule {
  return (REFUSAL_RULES as readonly string[]).includes(s);
}

export const MAX_PULL_LIMIT = 1000;
export const MAX_PUSH_ROWS = 1000;

/** A replicated document as it travels: the schema's fields plus RxDB's `_deleted` flag. */
export type WireDoc<D = AnyDoc> = D & { _deleted: boolean };

export type PullResponse<D = AnyDoc> = { documents: WireDoc<D>[]; checkpoint: Checkpoint | null };

export type PushRow<D = AnyDoc> = { assumedMasterState?: WireDoc<D> | null; newDocumentState: WireDoc<D> };

/** Push answers with the master documents that conflicted (RxDB protocol). */
export type PushResponse<D = AnyDoc> = WireDoc<D>[];

export type ApiError = { statusCode: number; error: string; message: string; details?: unknown };

/** The `message` of the server's JSON error body (ApiError), if it has one. */
export function apiErrorMessage(body: unknown): string | null {
  return typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' && body.message !== '' ? body.message : null;
}

export const PushRowSchema = Type.Object(
  {
    assumedMasterState: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
    newDocumentState: Type.Object({ id: Type.String() }, { additionalProperties: true }),
  },
  { additionalProperties: false },
);
export const PushBody = Type.Array(PushRowSchema, { maxItems: MAX_PUSH_ROWS });

/** The device id on what the server writes itself (orders taken in through the intake API). */
export const SERVER_DEVICE = 'server';
