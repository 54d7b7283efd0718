import type { CollectionName } from '../../shared/schema/collections.ts';
import type { FetchFn } from '../sync/http.ts';

/**
 * Chromium opens at most 6 HTTP/1.1 connections per origin, and the replication client keeps
 * one event stream open per collection: with 7 or 8 collections the streams take every
 * connection and no pull or push is ever sent. So only the collections other stations change
 * while we watch keep a real stream; the rest get a local stand-in that asks for a pull every
 * `pollMs`. Remove once the server offers one stream for all collections.
 */
export const LIVE_COLLECTIONS: readonly CollectionName[] = ['orders', 'shipments'];
export const POLL_MS = 10_000;

const STREAM_PATH = /\/api\/v1\/sync\/([a-z]+)\/stream$/;

function urlOf(input: Parameters<FetchFn>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** An event stream that says "pull" at once and every `pollMs`, until the caller aborts. */
function pollingStream(signal: AbortSignal | null | undefined, pollMs: number): Response {
  const enc = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const stop = (): void => {
        clearInterval(timer);
        try {
          controller.close();
        } catch {
          // Already closed by the reader's cancel.
        }
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      timer = setInterval(() => controller.enqueue(enc.encode('event: poll\ndata: poll\n\n')), pollMs);
      return undefined;
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

export function budgetedFetch(base: FetchFn, live: readonly CollectionName[] = LIVE_COLLECTIONS, pollMs = POLL_MS): FetchFn {
  return (input, init) => {
    const m = STREAM_PATH.exec(new URL(urlOf(input), location.href).pathname);
    const name = m?.[1];
    if (name === undefined || (live as readonly string[]).includes(name)) return base(input, init);
    return Promise.resolve(pollingStream(init?.signal, pollMs));
  };
}
