import type { StationConfigInput, StationConfigView } from '../../shared/bridge/contract.ts';
import { fail, succeed } from '../../shared/bridge/result.ts';
import { exchangeForToken } from '../../shared/enrol/exchange.ts';
import type { Host, HostFeature } from './host.ts';

const CONFIG_KEY = 'packline.station-config';
const TOKEN_KEY = 'packline.token';

/** Said to a person, so plain words on what is missing and what happens instead. */
const MISSING: Record<HostFeature, string> = {
  'silent-print': 'A browser cannot print without showing the print dialog; the desktop app prints straight to the chosen printer.',
  'raw-zpl': 'A browser cannot send raw ZPL to a network label printer; labels print through the print dialog instead.',
  'printers-list': 'A browser cannot list the printers installed on this computer; the print dialog lets you choose one.',
};

function isStoredConfig(v: unknown): v is Omit<StationConfigView, 'hasToken'> {
  return typeof v === 'object' && v !== null && 'serverUrl' in v && typeof v.serverUrl === 'string' && 'siteId' in v && typeof v.siteId === 'string' && 'stationName' in v && typeof v.stationName === 'string';
}

function readConfig(): StationConfigView | null {
  const raw = localStorage.getItem(CONFIG_KEY);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isStoredConfig(parsed)) return null;
    const view: StationConfigView = { serverUrl: parsed.serverUrl, siteId: parsed.siteId, stationName: parsed.stationName, hasToken: localStorage.getItem(TOKEN_KEY) !== null };
    if ('deviceId' in parsed && typeof parsed.deviceId === 'string') view.deviceId = parsed.deviceId;
    return view;
  } catch {
    return null;
  }
}

/** The browser's Chromium version, when it says (empty otherwise). */
function chromeVersion(): string {
  return /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '';
}

function writeConfig(input: StationConfigInput): StationConfigView {
  const { token, ...config } = input;
  localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
  if (typeof token === 'string') localStorage.setItem(TOKEN_KEY, token);
  else if (token === null) localStorage.removeItem(TOKEN_KEY);
  return { ...config, hasToken: localStorage.getItem(TOKEN_KEY) !== null };
}

/**
 * The browser host: the page itself holds the token (there is no main process to hold it),
 * in this origin's localStorage next to the station configuration.
 */
export function browserHost(): Host {
  return {
    kind: 'browser',
    getConfig: () => Promise.resolve(succeed(readConfig())),
    setConfig: (input) => Promise.resolve(succeed(writeConfig(input))),
    async enrol(args) {
      const result = await exchangeForToken((input, init) => fetch(input, init), args);
      if (result.granted === null) return succeed(result.answer);
      try {
        writeConfig(result.granted.config);
      } catch (error) {
        // A full or disabled storage: the station would be enrolled with nowhere to keep its token.
        return fail('internal', `This browser could not keep the station's settings: ${error instanceof Error ? error.message : String(error)}`);
      }
      return succeed(result.granted.answer);
    },
    serverChanged: () => {},
    pageToken: () => localStorage.getItem(TOKEN_KEY),
    listPrinters: () => Promise.resolve(fail('unavailable', MISSING['printers-list'])),
    printDocument: () => Promise.resolve(fail('unavailable', MISSING['silent-print'])),
    sendZpl: () => Promise.resolve(fail('unavailable', MISSING['raw-zpl'])),
    appVersion: () => Promise.resolve(succeed({ version: PACKLINE_VERSION, electron: '', chrome: chromeVersion(), platform: 'web' })),
    unavailable: (feature) => MISSING[feature],
    log: ({ level, message, context }) => {
      // There is no log file in a browser: its console is where a supporter looks.
      const write = level === 'error' ? console.error : level === 'warn' ? console.warn : level === 'info' ? console.info : console.debug;
      write(`[packline] ${message}`, ...(context === undefined ? [] : [context]));
    },
  };
}
