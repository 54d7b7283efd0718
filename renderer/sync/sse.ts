import { map, Observable } from 'rxjs';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions, type Waker } from './backoff.ts';
import { apiErrorMessage } from '../../shared/sync/protocol.ts';
import { authHeaders, isAbortError, networkReason, SyncHttpError, type FetchFn } from './http.ts';
import { failure, failureOf, type SyncFailure } from './problem.ts';

/** One Server-Sent Event (the fields Packline uses). */
export type SseMessage = { event: string; data: string; id: string | null };

/**
 * Incremental text/event-stream parser (WHATWG HTML §9.2.6): lines end in CRLF, LF or CR;
 * a blank line dispatches; `:` lines are comments (the server's heartbeats). Chunks may
 * split anywhere, including between CR and LF.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A trailing CR may be the first half of a CRLF still in flight: wait for more.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const msg = this.line(line);
      if (msg) out.push(msg);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const msg = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.data = [];
      this.event = '';
      return msg;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }
}

export type PokeStreamOptions = {
  url: string;
  token: string;
  fetch: FetchFn;
  /** The replication client's name (see CLIENT_HEADER): its own pushes do not poke it. */
  clientId?: string;
  backoff?: BackoffOptions;
  /**
   * Reconnect when nothing (not even a heartbeat) arrived for this long: a half-open TCP
   * connection after a network drop otherwise looks connected forever.
   */
  idleTimeoutMs?: number;
  /** Connection state changes, for the status bar; `error` says why it is down. */
  onState?: (connected: boolean, error: SyncFailure | null) => void;
  /** Woken whenever the stream (re)connects: the server is reachable again. */
  waker?: Waker;
  /**
   * Statuses that end the stream with a SyncHttpError instead of a retry: the caller has
   * something better to do, e.g. fall back to another endpoint on 404.
   */
  giveUpOn?: readonly number[];
};


export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * The live half of the replication: emits the data of every poke, and null on every
 * (re)connect, so changes made while the stream was down are pulled too. Reconnects with
 * backoff and jitter, reset once connected. EventSource cannot send an Authorization
 * header, hence fetch + ReadableStream, which Node 22 and browsers both have.
 */
export function pokeStream(opts: PokeStreamOptions): Observable<string | null> {
  return new Observable<string | null>((subscriber) => {
    const stop = new AbortController();
    void runStream(opts, stop.signal, (data) => subscriber.next(data)).then(
      () => subscriber.complete(),
      (err: unknown) => subscriber.error(err),
    );
    return () => stop.abort();
  });
}

/** 'RESYNC' on every poke and (re)connect: the shape RxDB's pull.stream$ takes. */
export function resyncStream(opts: PokeStreamOptions): Observable<'RESYNC'> {
  return pokeStream(opts).pipe(map((): 'RESYNC' => 'RESYNC'));
}

async function runStream(opts: PokeStreamOptions, stop: AbortSignal, poke: (data: string | null) => void): Promise<void> {
  const backoff = new Backoff(opts.backoff ?? DEFAULT_BACKOFF);
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  let connected = false;
  const setState = (up: boolean, error: SyncFailure | null): void => {
    if (up === connected && up) return;
    connected = up;
    opts.onState?.(up, error);
  };
  while (!stop.aborted) {
    const conn = new AbortController();
    const signal = AbortSignal.any([stop, conn.signal]);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => conn.abort(new DOMException('event stream idle', 'TimeoutError')), idleMs);
    };
    let reason: SyncFailure;
    try {
      touch();
      const res = await opts.fetch(opts.url, { headers: { ...authHeaders(opts.token, opts.clientId), accept: 'text/event-stream' }, signal });
      if (!res.ok || !res.body) {
        const said = await messageOf(res);
        const refused = new SyncHttpError(`event stream: ${res.status} ${said}`, res.status, said);
        if (opts.giveUpOn?.includes(res.status)) throw new GiveUp(refused);
        throw refused;
      }
      const type = res.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream')) {
        await res.body.cancel();
        throw new SyncHttpError(`event stream: the server answered ${type || 'without a content type'}, not an event stream`, res.status, '', true);
      }
      setState(true, null);
      backoff.reset();
      opts.waker?.wake();
      poke(null);
      reason = failure('stream-lost', await readEvents(res.body, signal, touch, poke));
    } catch (err) {
      if (err instanceof GiveUp) throw err.refusal;
      reason = describe(err, conn.signal);
    } finally {
      clearTimeout(idle);
    }
    if (stop.aborted) break;
    setState(false, reason);
    await sleep(backoff.next(), stop);
  }
  if (connected) opts.onState?.(false, null);
}

class GiveUp extends Error {
  constructor(readonly refusal: SyncHttpError) {
    super(refusal.message);
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal, touch: () => void, poke: (data: string) => void): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const onAbort = (): void => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (signal.aborted) throw signal.reason;
        return 'event stream closed by the server';
      }
      touch();
      for (const msg of parser.feed(decoder.decode(value, { stream: true }))) poke(msg.data);
      if (signal.aborted) throw signal.reason;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

function describe(err: unknown, conn: AbortSignal): SyncFailure {
  if (conn.aborted) return failure('stream-lost', 'event stream: no heartbeat from the server');
  if (err instanceof SyncHttpError) return failureOf(err);
  if (isAbortError(err)) return failure('stream-lost', 'event stream aborted');
  const reason = networkReason(err);
  return failure('unreachable', `event stream: cannot reach the server (${reason})`, { detail: reason });
}

async function messageOf(res: Response): Promise<string> {
  try {
    return apiErrorMessage(await res.json()) ?? res.statusText;
  } catch {
    return res.statusText;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
