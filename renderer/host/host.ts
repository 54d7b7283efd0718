import type { AppVersion, BridgeApi, EnrolAnswer, EnrolArgs, LogArgs, PrintDocumentArgs, PrintOutcome, Printer, StationConfigInput, StationConfigView, ZplArgs } from '../../shared/bridge/contract.ts';
import { BRIDGE_KEY } from '../../shared/bridge/channels.ts';
import { fail, type BridgeResult } from '../../shared/bridge/result.ts';
import { browserHost } from './browser.ts';

/** What the browser cannot do that the desktop app can. */
export type HostFeature = 'silent-print' | 'raw-zpl' | 'printers-list';

/**
 * The one seam between the screens and where they run. The desktop shell (Electron) keeps the
 * station's token in main and prints silently; a browser keeps the token itself and prints
 * through the print dialog.
 */
export type Host = {
  readonly kind: 'electron' | 'browser';
  /** The stored station configuration, never the token itself. */
  getConfig(): Promise<BridgeResult<StationConfigView | null>>;
  setConfig(input: StationConfigInput): Promise<BridgeResult<StationConfigView>>;
  /**
   * Trades an enrolment code (or a demo session) for a token, which the host keeps: the desktop
   * app does the request in main (the page may only talk to its configured server), a browser
   * page itself. The page learns who it now is, or why not.
   */
  enrol(args: EnrolArgs): Promise<BridgeResult<EnrolAnswer>>;
  /**
   * Once enrolled with a server: the desktop app reloads the page, whose Content-Security-Policy
   * then lets it talk to that server; a browser page (served by the server) needs nothing.
   */
  serverChanged(): void;
  /**
   * The bearer token for the page's own requests. Electron: null, because main adds the header
   * to requests for the configured server and the page never sees the token.
   */
  pageToken(): string | null;
  listPrinters(): Promise<BridgeResult<Printer[]>>;
  printDocument(args: PrintDocumentArgs): Promise<BridgeResult<PrintOutcome>>;
  /** Raw ZPL to a network label printer (TCP, port 9100 by default): the bytes sent. */
  sendZpl(args: ZplArgs): Promise<BridgeResult<{ bytes: number }>>;
  /** Which Packline this is (and, in the desktop app, which Electron and platform), for support. */
  appVersion(): Promise<BridgeResult<AppVersion>>;
  /** Null when the host has the feature; otherwise what is missing, in words. */
  unavailable(feature: HostFeature): string | null;
  /**
   * Writes to the station's log: the desktop app's log file (through the bridge), the browser's
   * console otherwise. Never throws and never waits: a log line must not break or slow the work.
   */
  log(entry: LogArgs): void;
};

/** The bridge's limit for one message. */
const MAX_LOG_MESSAGE = 4000;

declare global {
  // oxlint-disable-next-line typescript/consistent-type-definitions -- augmenting Window needs an interface.
  interface Window {
    readonly packline?: BridgeApi;
  }
}

export function electronHost(api: BridgeApi): Host {
  return {
    kind: 'electron',
    getConfig: () => api['config:get'](),
    setConfig: (input) => api['config:set'](input),
    enrol: (args) => api['station:enrol'](args),
    serverChanged: () => location.reload(),
    pageToken: () => null,
    listPrinters: () => api['printers:list'](),
    printDocument: (args) => api['print:document'](args),
    sendZpl: (args) => api['print:zpl'](args),
    appVersion: () => api['app:version'](),
    unavailable: () => null,
    log: (entry) => {
      const message = entry.message.slice(0, MAX_LOG_MESSAGE) || '(empty)';
      api['log:write']({ ...entry, message }).catch(() => {});
    },
  };
}

let current: Host | null = null;

export function getHost(): Host {
  current ??= Object.hasOwn(window, BRIDGE_KEY) && window.packline ? electronHost(window.packline) : browserHost();
  return current;
}

/** For callers that already know the host lacks the feature and want the failure shape. */
export function unavailableResult<T>(feature: HostFeature): BridgeResult<T> {
  return fail('unavailable', getHost().unavailable(feature) ?? feature);
}
