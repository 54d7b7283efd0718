import { ZPL_DEFAULT_PORT, ZPL_DEFAULT_TIMEOUT_MS } from '../shared/bridge/contract.ts';
import type { AppVersion, EnrolAnswer, EnrolArgs, PrintDocumentArgs, PrintOutcome, Printer } from '../shared/bridge/contract.ts';
import type { ConfigStore } from './config-store.ts';
import { HostError } from './host-error.ts';
import type { BridgeHandlers } from './ipc.ts';
import type { Log } from './logging.ts';
import { isAllowedExternalUrl } from './security.ts';
import type { ZplJob } from './zpl.ts';

/** A renderer log line may carry context, but not megabytes of it. */
const MAX_CONTEXT_CHARS = 16_000;

export type HandlerDeps = {
  readonly config: ConfigStore;
  /** Trades an enrolment code or a demo session for a token, kept in the config store (enrol.ts). */
  readonly enrol: (args: EnrolArgs) => Promise<EnrolAnswer>;
  readonly listPrinters: () => Promise<Printer[]>;
  readonly print: (args: PrintDocumentArgs) => Promise<PrintOutcome>;
  readonly sendZpl: (job: ZplJob) => Promise<{ bytes: number }>;
  readonly version: AppVersion;
  /** A child logger tagged as the renderer's, so its lines are told apart from the host's. */
  readonly rendererLog: Log;
  readonly externalHosts: () => readonly string[];
  readonly openExternal: (url: string) => Promise<void>;
};

/** What each channel does once ipc.ts has checked the sender and the arguments. */
export function createHandlers(deps: HandlerDeps): BridgeHandlers {
  return {
    'config:get': async () => deps.config.view(),
    'config:set': (args) => deps.config.set(args),
    'station:enrol': (args) => deps.enrol(args),
    'printers:list': () => deps.listPrinters(),
    'print:document': (args) => deps.print(args),
    'print:zpl': (args) =>
      deps.sendZpl({ host: args.host, port: args.port ?? ZPL_DEFAULT_PORT, zpl: args.zpl, timeoutMs: args.timeoutMs ?? ZPL_DEFAULT_TIMEOUT_MS }),
    'app:version': async () => deps.version,
    'log:write': async ({ level, message, context }) => {
      const size = context === undefined ? 0 : JSON.stringify(context).length;
      deps.rendererLog[level]({ context: size > MAX_CONTEXT_CHARS ? { truncated: size } : (context ?? {}) }, message);
      return null;
    },
    'external:open': async ({ url }) => {
      if (!isAllowedExternalUrl(url, deps.externalHosts())) {
        throw new HostError('not-allowed', `Packline does not open links to ${new URL(url).hostname}.`);
      }
      await deps.openExternal(url);
      return null;
    },
  };
}
