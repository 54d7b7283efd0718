import { catchError, filter, map, merge, share, throwError, type Observable } from 'rxjs';
import type { CollectionName } from '../../shared/schema/collections.ts';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import type { BackoffOptions, Waker } from './backoff.ts';
import { SyncHttpError, syncUrl, type FetchFn } from './http.ts';
import type { SyncFailure } from './problem.ts';
import { pokeStream } from './sse.ts';

export type PokeHubOptions = {
  serverUrl: string;
  token: string;
  fetch: FetchFn;
  clientId?: string;
  names: readonly CollectionName[];
  backoff: BackoffOptions;
  idleTimeoutMs: number | undefined;
  waker: Waker;
  onState: (name: CollectionName, connected: boolean, error: SyncFailure | null) => void;
};

/** `${server}/api/v1/sync/stream?collections=a,b`: one stream whose pokes name their collection. */
export function combinedStreamUrl(serverUrl: string, names: readonly CollectionName[]): string {
  const url = new URL(`${serverUrl.replace(/\/+$/, '')}${API_PREFIX}/sync/stream`);
  url.searchParams.set('collections', names.join(','));
  return url.toString();
}

/** The collection a poke names (`data: {"collection":"orders"}`); null (all) when it names none. */
export function pokedCollection(data: string | null): string | null {
  if (data === null) return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && 'collection' in parsed && typeof parsed.collection === 'string') return parsed.collection;
  } catch {
    // Not JSON: a poke all the same.
  }
  return null;
}

/**
 * Every collection's pokes of one client: the collection poked, or null for "all" (a
 * (re)connect). A browser holds at most 6 HTTP/1.1 connections per server, so one event
 * stream per collection (8 of them) would starve the pulls and pushes: the client asks for
 * one combined stream first, and only a server without it (404) gets a stream per collection.
 * Shared: every collection's replication listens to the same connection(s).
 */
export function pokeHub(opts: PokeHubOptions): Observable<string | null> {
  const common = { token: opts.token, fetch: opts.fetch, clientId: opts.clientId, backoff: opts.backoff, idleTimeoutMs: opts.idleTimeoutMs, waker: opts.waker };
  const combined = pokeStream({
    ...common,
    url: combinedStreamUrl(opts.serverUrl, opts.names),
    giveUpOn: [404],
    onState: (up, error) => {
      for (const n of opts.names) opts.onState(n, up, error);
    },
  }).pipe(map(pokedCollection));
  const separate = (): Observable<string | null> =>
    merge(
      ...opts.names.map((name) =>
        pokeStream({ ...common, url: syncUrl(opts.serverUrl, name, 'stream'), onState: (up, error) => opts.onState(name, up, error) }).pipe(map(() => name)),
      ),
    );
  return combined.pipe(
    catchError((err: unknown) => (err instanceof SyncHttpError && err.status === 404 ? separate() : throwError(() => err))),
    share(),
  );
}

/** One collection's share of the pokes, as RxDB's pull.stream$ wants them. */
export function resyncsFor(hub: Observable<string | null>, name: CollectionName): Observable<'RESYNC'> {
  return hub.pipe(
    filter((c) => c === null || c === name),
    map((): 'RESYNC' => 'RESYNC'),
  );
}
