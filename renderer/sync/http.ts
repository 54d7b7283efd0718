import type { CollectionName } from '../../shared/schema/collections.ts';
import { API_PREFIX, apiErrorMessage, CLIENT_HEADER, type Checkpoint, type PullResponse, type PushResponse, type PushRow } from '../../shared/sync/protocol.ts';

export type FetchFn = typeof fetch;

/** `clientId`: this replication client's name on its pushes (see CLIENT_HEADER). */
export type HttpConfig = { serverUrl: string; token: string; fetch: FetchFn; clientId?: string };

/**
 * A failed sync request, with a message fit for the status bar: what was attempted, and
 * the server's own words for a 4xx (it says why, e.g. a revoked device token).
 */
export class SyncHttpError extends Error {
  constructor(
    message: string,
    /** HTTP status, or null when the server could not be reached at all. */
    readonly status: number | null,
    /** The server's own words for an error status, or why the server could not be reached. */
    readonly detail: string = '',
    /** The server answered, but not with what was asked for (not JSON, not the expected shape). */
    readonly unreadable: boolean = false,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export function syncUrl(serverUrl: string, collection: CollectionName, action: 'pull' | 'push' | 'stream'): string {
  return `${serverUrl.replace(/\/+$/, '')}${API_PREFIX}/sync/${collection}/${action}`;
}

export function authHeaders(token: string, clientId?: string): Record<string, string> {
  return clientId === undefined ? { authorization: `Bearer ${token}` } : { authorization: `Bearer ${token}`, [CLIENT_HEADER]: clientId };
}

/** A fresh name for one run of a replication client. */
export function newClientId(): string {
  return globalThis.crypto.randomUUID();
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why fetch itself threw: Node's undici hides the useful part (ECONNREFUSED…) in `cause`. */
export function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause: unknown = err.cause;
  if (isRecord(cause)) {
    if (typeof cause.code === 'string') return cause.code;
    if (typeof cause.message === 'string') return cause.message;
  }
  return err.message;
}

function isPullResponse(v: unknown): v is PullResponse {
  return isRecord(v) && Array.isArray(v.documents) && (v.checkpoint === null || v.checkpoint === undefined || isRecord(v.checkpoint));
}

function isPushResponse(v: unknown): v is PushResponse {
  return Array.isArray(v);
}

async function errorFromResponse(what: string, res: Response): Promise<SyncHttpError> {
  let detail = res.statusText;
  try {
    const text = await res.text();
    try {
      detail = apiErrorMessage(JSON.parse(text)) ?? detail;
    } catch {
      if (text.trim() !== '') detail = text.trim().slice(0, 200);
    }
  } catch {
    // The body could not be read; the status line is all there is.
  }
  return new SyncHttpError(`${what}: ${res.status} ${detail}`, res.status, detail);
}

async function requestJson(cfg: HttpConfig, what: string, url: string, init: RequestInit, headers: Record<string, string> = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await cfg.fetch(url, { ...init, headers: { ...authHeaders(cfg.token, cfg.clientId), ...headers } });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new SyncHttpError(`${what}: cannot reach the server (${networkReason(err)})`, null, networkReason(err));
  }
  if (!res.ok) throw await errorFromResponse(what, res);
  try {
    return await res.json();
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new SyncHttpError(`${what}: the server's answer is not JSON (${networkReason(err)})`, res.status, networkReason(err), true);
  }
}

export async function pullPage(
  cfg: HttpConfig,
  collection: CollectionName,
  checkpoint: Checkpoint | null | undefined,
  limit: number,
  signal: AbortSignal,
): Promise<PullResponse> {
  const what = `pull ${collection}`;
  const url = new URL(syncUrl(cfg.serverUrl, collection, 'pull'));
  if (checkpoint) url.searchParams.set('checkpoint', JSON.stringify(checkpoint));
  url.searchParams.set('limit', String(limit));
  const body = await requestJson(cfg, what, url.toString(), { method: 'GET', signal });
  if (!isPullResponse(body)) throw new SyncHttpError(`${what}: the server's answer is not a pull response`, 200, '', true);
  return { documents: body.documents, checkpoint: body.checkpoint ?? null };
}

/** Rows per push request: a push batch larger than this goes out as several requests. */
export const PUSH_REQUEST_ROWS = 250;
/** Push requests of one batch in flight at once: the server decides one while it writes another. */
export const PUSH_PARALLEL = 3;

async function pushChunk(cfg: HttpConfig, collection: CollectionName, rows: readonly PushRow[], signal: AbortSignal): Promise<PushResponse> {
  const what = `push ${collection}`;
  const body = await requestJson(cfg, what, syncUrl(cfg.serverUrl, collection, 'push'), { method: 'POST', body: JSON.stringify(rows), signal }, { 'content-type': 'application/json' });
  if (!isPushResponse(body)) throw new SyncHttpError(`${what}: the server's answer is not a list of conflicts`, 200, '', true);
  return body;
}

/**
 * Pushes rows and answers the server's conflicts. A batch of more than PUSH_REQUEST_ROWS
 * goes out as requests of that size, PUSH_PARALLEL at a time: each is its own transaction
 * over other documents, so they need no order, and the server and the database work on
 * several at once instead of waiting on each other. The first failure aborts the rest and
 * fails the batch; its retry pushes every row again, which the server treats as a no-op
 * for the rows it already holds.
 */
export async function pushRows(cfg: HttpConfig, collection: CollectionName, rows: readonly PushRow[], signal: AbortSignal): Promise<PushResponse> {
  if (rows.length <= PUSH_REQUEST_ROWS) return pushChunk(cfg, collection, rows, signal);
  const chunks: PushRow[][] = [];
  for (let i = 0; i < rows.length; i += PUSH_REQUEST_ROWS) chunks.push(rows.slice(i, i + PUSH_REQUEST_ROWS));
  const answers: PushResponse[] = [];
  const failed = new AbortController();
  const both = AbortSignal.any([signal, failed.signal]);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length && !both.aborted) {
      const i = next++;
      const chunk = chunks[i];
      if (chunk === undefined) return;
      try {
        answers[i] = await pushChunk(cfg, collection, chunk, both);
      } catch (err) {
        failed.abort(err);
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(PUSH_PARALLEL, chunks.length) }, worker));
  // The first real failure, not the aborts it caused in the other requests.
  if (failed.signal.aborted) throw failed.signal.reason;
  const rejected = settled.find((r) => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  signal.throwIfAborted();
  return answers.flat();
}
