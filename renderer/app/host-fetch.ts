import type { FetchFn } from '../sync/http.ts';

/**
 * In the desktop app the main process adds `Authorization` to requests for the configured
 * server, and the page holds no token. The replication client always sends a header of its
 * own, so drop it here: two Authorization headers would reach the server otherwise.
 */
export function withoutPageAuth(base: FetchFn): FetchFn {
  return (input, init) => {
    if (init?.headers === undefined) return base(input, init);
    const headers = new Headers(init.headers);
    headers.delete('authorization');
    return base(input, { ...init, headers });
  };
}
