import type { FastifyRequest } from 'fastify';
import { Compile } from 'typebox/compile';
import { isCollectionName, type CollectionName } from '../../shared/schema/collections.ts';
import { Checkpoint, CLIENT_HEADER, CLIENT_ID_PATTERN, MAX_PULL_LIMIT, MAX_PUSH_ROWS } from '../../shared/sync/protocol.ts';
import { HttpError } from '../errors.ts';
import type { Rec, Row } from './rules.ts';

export const DEFAULT_PULL_LIMIT = 100;

const checkpointChecker = Compile(Checkpoint);
const MAX_XID8 = 2n ** 64n - 1n;

function field(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null || !Object.hasOwn(obj, key)) return undefined;
  const value: unknown = Reflect.get(obj, key);
  return value;
}

export function queryField(request: FastifyRequest, key: string): unknown {
  return field(request.query, key);
}

/** The replication client named by the request (CLIENT_HEADER), or null when it names none. */
export function clientIdOf(request: FastifyRequest): string | null {
  const v = request.headers[CLIENT_HEADER];
  if (v === undefined) return null;
  if (typeof v !== 'string' || !CLIENT_ID_PATTERN.test(v)) {
    throw new HttpError(400, `header ${CLIENT_HEADER} must be given once, 8 to 64 letters, digits, - or _`);
  }
  return v;
}

export function collectionParam(request: FastifyRequest): CollectionName {
  const name = field(request.params, 'collection');
  if (typeof name !== 'string' || !isCollectionName(name)) throw new HttpError(404, `unknown collection ${JSON.stringify(name)}`);
  return name;
}

function single(request: FastifyRequest, key: string): string | undefined {
  const v = queryField(request, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `query parameter ${key} must be given once`);
  return v;
}

export function pullParams(request: FastifyRequest): { checkpoint: Checkpoint | null; limit: number } {
  const rawLimit = single(request, 'limit');
  let limit = DEFAULT_PULL_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d{1,7}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_PULL_LIMIT) {
      throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_PULL_LIMIT}, got ${JSON.stringify(rawLimit)}`);
    }
    limit = Number(rawLimit);
  }
  const raw = single(request, 'checkpoint');
  if (raw === undefined || raw === '' || raw === 'null') return { checkpoint: null, limit };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'checkpoint must be JSON: {"xid": "<digits>", "id": "<document id>"}');
  }
  if (parsed === null) return { checkpoint: null, limit };
  // xid8 is unsigned 64-bit: a larger number would fail in PostgreSQL rather than here.
  if (!checkpointChecker.Check(parsed) || BigInt(parsed.xid) > MAX_XID8) {
    throw new HttpError(400, 'checkpoint must be {"xid": "<digits>", "id": "<document id>"} as returned by the previous pull');
  }
  return { checkpoint: parsed, limit };
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The push envelope. Anything wrong here fails the whole request with a 400 before a
 * transaction starts; what is wrong inside a document is a refusal, row by row, later.
 */
export function pushRows(body: unknown): Row[] {
  if (!Array.isArray(body)) throw new HttpError(400, 'push body must be a JSON array of {assumedMasterState, newDocumentState}');
  if (body.length > MAX_PUSH_ROWS) throw new HttpError(400, `too many rows: at most ${MAX_PUSH_ROWS} per push, got ${body.length}`);
  const rows: Row[] = [];
  body.forEach((row: unknown, i) => {
    if (!isRec(row)) throw new HttpError(400, `row ${i} must be an object`);
    for (const key of Object.keys(row)) {
      if (key !== 'assumedMasterState' && key !== 'newDocumentState') throw new HttpError(400, `row ${i} has an unknown field ${JSON.stringify(key)}`);
    }
    const { assumedMasterState: assumed, newDocumentState: doc } = row;
    if (!isRec(doc)) throw new HttpError(400, `row ${i}: newDocumentState must be an object`);
    if (typeof doc.id !== 'string' || doc.id.length === 0 || doc.id.length > 200) {
      throw new HttpError(400, `row ${i}: newDocumentState.id must be a string of 1 to 200 characters`);
    }
    if (assumed !== undefined && assumed !== null && !isRec(assumed)) throw new HttpError(400, `row ${i}: assumedMasterState must be an object or null`);
    rows.push(assumed === undefined ? { newDocumentState: doc } : { assumedMasterState: assumed, newDocumentState: doc });
  });
  return rows;
}
