import type { SessionHost } from './electron-host.ts';
import type { Log } from './logging.ts';

/**
 * The device token never enters the page: the page calls the replication server with plain
 * fetch/EventSource, and the main process adds `Authorization: Bearer <token>` to requests bound
 * for the configured server's origin, and to no other.
 */
export function installServerAuth(
  session: SessionHost,
  options: { serverOrigin: () => string | null; token: () => Promise<string | null>; log: Log },
): void {
  session.webRequest.onBeforeSendHeaders({ urls: ['http://*/*', 'https://*/*'] }, (details, callback) => {
    const origin = options.serverOrigin();
    if (origin === null || originOf(details.url) !== origin) {
      callback({});
      return;
    }
    options
      .token()
      .then((token) => {
        callback(token === null ? {} : { requestHeaders: { ...details.requestHeaders, Authorization: `Bearer ${token}` } });
      })
      .catch((error: unknown) => {
        // Send the request unauthenticated: the server answers 401 and the UI says "not enrolled".
        options.log.error({ err: error }, 'Could not read the station token');
        callback({});
      });
  });
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
