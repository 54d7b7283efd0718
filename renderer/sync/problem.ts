import { isAbortError, networkReason, SyncHttpError } from './http.ts';

/**
 * Why sync is not working, in a form every language can say (renderer/syncstatus/problem-text.ts):
 * - unreachable: no answer at all (no network, server down);
 * - timeout: a request got no answer in time;
 * - auth: the server no longer accepts this station's token (revoked, or enrolled elsewhere);
 * - server: the server answered with another error status;
 * - bad-answer: the server's answer could not be read;
 * - stream-lost: the live update stream stopped (closed, or no heartbeat);
 * - local: this station's own store or code failed.
 */
export type ProblemKind = 'unreachable' | 'timeout' | 'auth' | 'server' | 'bad-answer' | 'stream-lost' | 'local';

export type SyncFailure = {
  readonly kind: ProblemKind;
  /** Technical, in English, for the tooltip, the log and tests: what was attempted and what happened. */
  readonly message: string;
  /** The status the server answered with (auth, server, bad-answer); null otherwise. */
  readonly status: number | null;
  /** The server's own words (auth, server), the network's (unreachable) or the error's (local). */
  readonly detail: string;
  /** How long a request waited (timeout); null otherwise. */
  readonly seconds: number | null;
};

export function failure(kind: ProblemKind, message: string, more: Partial<Pick<SyncFailure, 'status' | 'detail' | 'seconds'>> = {}): SyncFailure {
  return { kind, message, status: more.status ?? null, detail: more.detail ?? '', seconds: more.seconds ?? null };
}

/**
 * What a thrown error means to the person at the station. `timeoutMs`: the request timeout, for
 * an abort that was the timeout (the caller knows it was not a stop).
 */
export function failureOf(err: unknown, opts: { prefix?: string; timeoutMs?: number } = {}): SyncFailure {
  const say = (m: string): string => (opts.prefix === undefined ? m : `${opts.prefix}: ${m}`);
  if (err instanceof SyncHttpError) {
    const more = { status: err.status, detail: err.detail };
    if (err.status === null) return failure('unreachable', say(err.message), more);
    if (err.unreadable) return failure('bad-answer', say(err.message), more);
    if (err.status === 401 || err.status === 403) return failure('auth', say(err.message), more);
    return failure('server', say(err.message), more);
  }
  if (isAbortError(err) && opts.timeoutMs !== undefined) {
    const seconds = Math.round(opts.timeoutMs / 1000);
    return failure('timeout', say(`no answer from the server in ${seconds} s`), { seconds });
  }
  const message = err instanceof Error ? err.message : String(err);
  return failure('local', say(message), { detail: networkReason(err) });
}
