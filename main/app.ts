import os from 'node:os';
import path from 'node:path';
import type { AppVersion } from '../shared/bridge/contract.ts';
import { createConfigStore, type ConfigStore } from './config-store.ts';
import type { ElectronHost, WindowHost } from './electron-host.ts';
import { enrolWithServer } from './enrol.ts';
import { createHandlers } from './handlers.ts';
import { registerBridge } from './ipc.ts';
import type { Log } from './logging.ts';
import { listPrinters, printDocument } from './printing.ts';
import { provisionStation } from './provision.ts';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol.ts';
import { appWebPreferences, contentSecurityPolicy, DEFAULT_EXTERNAL_HOSTS, hardenSession, hardenWebContents } from './security.ts';
import { installServerAuth } from './server-auth.ts';
import { MIN_SIZE, placeWindow, readWindowState, rememberWindowState } from './window-state.ts';
import { localPrinterAddress, sendZpl } from './zpl.ts';

/**
 * The desktop host, wired together against the Electron seam: main.ts passes the real Electron,
 * test/main/app.test.ts a recording fake.
 */

export type AppOptions = {
  /** dist/main/preload.cjs */
  readonly preload: string;
  /** dist/renderer */
  readonly rendererRoot: string;
  readonly versions: Omit<AppVersion, 'version'>;
  /** The station log, created once userData is known. */
  readonly createLog: (dir: string) => Log;
  /** Start-up environment: an enrolment code to enrol with before the window opens (see provision.ts). */
  readonly env?: NodeJS.ProcessEnv;
  /** For the enrolment call; the platform's fetch by default. */
  readonly fetch?: typeof fetch;
};

export type RunningApp = { readonly window: () => WindowHost | null; readonly ready: Promise<void> };

export function startApp(host: ElectronHost, options: AppOptions): RunningApp {
  const { app } = host;
  // A second Packline on the same station would fight over the store and the printers.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { window: () => null, ready: Promise.resolve() };
  }
  // Must happen before `ready`: it decides the scheme's origin and storage.
  host.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  let mainWindow: WindowHost | null = null;
  let log: Log | null = null;
  const userData = app.getPath('userData');
  let store: ConfigStore | null = null;
  const externalHosts = () => {
    // The server's own pages (help, reports) may open in the browser when it is served over https.
    const server = store?.view()?.serverUrl;
    const serverHost = server?.startsWith('https:') ? [new URL(server).hostname] : [];
    return [...DEFAULT_EXTERNAL_HOSTS, ...serverHost];
  };

  app.on('second-instance', () => {
    if (mainWindow === null || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Every webContents, expected or not, gets the same lock-down.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { externalHosts, openExternal: (url) => host.shell.openExternal(url), log: log ?? silentLog });
  });

  const ready = app.whenReady().then(async () => {
    const mainLog = options.createLog(path.join(userData, 'logs'));
    log = mainLog;
    const config = createConfigStore({ file: path.join(userData, 'station.json'), safeStorage: host.safeStorage, platform: process.platform, log: mainLog });
    await config.load();
    store = config;
    if (options.env !== undefined) await provisionStation({ env: options.env, config, fetch: options.fetch ?? globalThis.fetch, log: mainLog });

    const session = host.defaultSession();
    hardenSession(session, mainLog);
    installServerAuth(session, { serverOrigin: () => config.serverOrigin(), token: () => config.token(), log: mainLog });
    host.protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({ root: options.rendererRoot, contentSecurityPolicy: () => contentSecurityPolicy(config.serverOrigin()) }),
    );

    const stateFile = path.join(userData, 'window-state.json');
    const placed = placeWindow(await readWindowState(stateFile), host.screen.getAllDisplays(), host.screen.getPrimaryDisplay());
    const window = new host.BrowserWindow({
      ...placed.bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'Packline',
      backgroundColor: '#ffffff',
      webPreferences: appWebPreferences(options.preload, { devTools: !app.isPackaged }),
    });
    mainWindow = window;
    rememberWindowState(window, stateFile, mainLog);
    window.once('ready-to-show', () => {
      if (placed.maximized) window.maximize();
      window.show();
    });
    window.on('closed', () => {
      mainWindow = null;
    });

    const uiWindowId = window.webContents.id;
    registerBridge(
      host.ipcMain,
      createHandlers({
        config,
        enrol: (args) => enrolWithServer(args, { config, fetch: options.fetch ?? globalThis.fetch, log: mainLog }),
        listPrinters: () => listPrinters(window.webContents),
        print: (args) =>
          printDocument(
            { BrowserWindow: host.BrowserWindow, listPrinters: () => listPrinters(window.webContents), pdfDir: path.join(app.getPath('documents'), 'Packline'), tempDir: os.tmpdir() },
            args,
          ),
        // Only to a printer on the station's own network, by the address its name had when asked.
        sendZpl: async (job) => sendZpl({ ...job, address: await localPrinterAddress(job.host) }),
        version: { version: app.getVersion(), ...options.versions },
        rendererLog: tagged(mainLog, 'renderer'),
        externalHosts,
        openExternal: (url) => host.shell.openExternal(url),
      }),
      { isOwnWindow: (id) => id === uiWindowId, log: mainLog },
    );
    mainLog.info({ version: app.getVersion() }, 'Packline started');
    // A failed load (UI not built) still leaves the window with the protocol's explanation.
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => mainLog.error({ err: error }, 'The UI did not load'));
  });
  return { window: () => mainWindow, ready };
}

/** Before the log file exists there is nothing to write to; hardening still applies. */
const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

function tagged(log: Log, source: string): Log {
  return {
    debug: (context, message) => log.debug({ source, ...context }, message),
    info: (context, message) => log.info({ source, ...context }, message),
    warn: (context, message) => log.warn({ source, ...context }, message),
    error: (context, message) => log.error({ source, ...context }, message),
  };
}
