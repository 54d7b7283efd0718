import type { WebPreferences } from 'electron';
import type { NavigationEvent, SessionHost, WebContentsHost } from './electron-host.ts';
import type { Log } from './logging.ts';
import { isAppUrl } from './protocol.ts';

/**
 * All of the window hardening in one place (Electron's security checklist; Actual's
 * desktop-electron/security.ts): web preferences, CSP, navigation, new windows, webviews,
 * permissions and external links.
 */

/** The page gets no Node, runs sandboxed in its own JS world, and reaches the host only through the preload. */
export function appWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // A packer with DevTools could call the bridge by hand: only unpackaged builds get them.
    devTools: options.devTools,
  };
}

/** The CSP on every app:// response. The replication server is the only other place the page may talk to. */
export function contentSecurityPolicy(serverOrigin: string | null): string {
  const connect = serverOrigin === null ? "'self'" : `'self' ${serverOrigin}`;
  return [
    "default-src 'self'",
    // argon2id (the offline PIN check) runs in WebAssembly, which needs wasm-unsafe-eval; no JS eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    // React and the UI kit set inline styles; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * External links open in the user's browser only when https and on an allowed host (exact
 * match). Credentials in the URL are refused: they would be handed to another program.
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowedHosts.includes(parsed.hostname.toLowerCase());
}

/** Carriers' tracking pages, which packers and leads open from a shipment. */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = [
  'www.ups.com',
  'www.fedex.com',
  'www.dhl.com',
  'tools.usps.com',
  'www.royalmail.com',
  'www.poste.it',
  'www.correos.es',
];

export type HardeningOptions = {
  /** Hosts allowed for shell.openExternal; asked each time, since the server URL can change. */
  readonly externalHosts: () => readonly string[];
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Log;
};

/**
 * Applied to every webContents the app creates (from `web-contents-created`), so a window
 * nobody expected is still locked down. Navigation may only stay on the app's own origin;
 * window.open never creates a window.
 */
export function hardenWebContents(contents: WebContentsHost, options: HardeningOptions): void {
  const { log } = options;
  const stayOnAppOrigin = (kind: string) => (event: NavigationEvent) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ kind, url: event.url }, 'Blocked navigation away from the app');
  };
  contents.on('will-navigate', stayOnAppOrigin('will-navigate'));
  contents.on('will-frame-navigate', stayOnAppOrigin('will-frame-navigate'));
  contents.on('will-redirect', stayOnAppOrigin('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, options.externalHosts())) {
      options.openExternal(url).catch((error: unknown) => log.error({ err: error, url }, 'Could not open an external link'));
    } else {
      log.warn({ url }, 'Blocked a new window');
    }
    return { action: 'deny' };
  });
}

/**
 * Permissions the app's own origin may have. Everything else (camera, geolocation,
 * notifications, …) is denied. Persistent storage is the one exception: without it Chromium
 * may evict IndexedDB under disk pressure, and with it a station's unsynced offline work.
 */
const GRANTED_TO_APP: ReadonlySet<string> = new Set(['persistent-storage']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return GRANTED_TO_APP.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

export function hardenSession(session: SessionHost, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl);
    if (!granted) log.warn({ permission, url: details.requestingUrl }, 'Denied a permission request');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
}
