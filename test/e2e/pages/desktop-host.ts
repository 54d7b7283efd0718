import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { PrinterInfo, WebContentsPrintOptions } from 'electron';
import { startApp } from '../../../main/app.ts';
import { CHANNELS } from '../../../shared/bridge/channels.ts';
import { createFakeElectron, invokeEvent, recordingLog, type FakeElectron, type FakeWindow, type LogEntry } from '../../main/fake-electron.ts';

/**
 * The desktop app's renderer in Chromium, with the real main process beside it.
 *
 * No Electron binary can be had on this machine, so the pieces Electron would join are joined
 * here: main/app.ts runs in the test's Node process on the fake Electron seam (test/main), and
 * the page gets `window.packline` as the preload builds it, one function per channel, each an
 * `ipcRenderer.invoke` that here crosses to Node through a Playwright binding. Every message
 * then takes the real path: ipc.ts's sender check and schema validation, the handlers, the
 * config store (token encrypted by the fake safeStorage), main/printing.ts, and raw ZPL over
 * real TCP. The main process's auth header (server-auth.ts) is added the same way, from the
 * session's own listener. What stays out: Chromium's print pipeline (the fake records each job)
 * and the app:// protocol (the page is served by the test server; protocol.test.ts covers it).
 */
export type DesktopHost = {
  readonly electron: FakeElectron;
  /** The UI window: set `webContents.printers` to change what this computer has installed. */
  readonly window: FakeWindow;
  readonly log: LogEntry[];
  /** Where the app keeps documents it could not print (no printer at all): Documents/Packline. */
  readonly pdfDir: string;
  /** Every silent print job so far: the options and the HTML it printed. */
  printJobs(): { options: WebContentsPrintOptions; html: string }[];
  close(): void;
};

export function printer(name: string, displayName: string): PrinterInfo {
  return { name, displayName, description: '', options: {} };
}

export async function emulateDesktopHost(page: Page, serverUrl: string, printers: PrinterInfo[]): Promise<DesktopHost> {
  const userData = mkdtempSync(path.join(tmpdir(), 'packline-desktop-'));
  const electron = createFakeElectron(userData);
  const recorded = recordingLog();
  const running = startApp(electron.host, {
    preload: path.resolve('dist/main/preload.cjs'),
    rendererRoot: path.resolve('dist/renderer'),
    versions: { electron: '45.4.1', chrome: '142.0.0.0', platform: 'linux' },
    createLog: () => recorded.log,
  });
  await running.ready;
  const window = electron.windows[0];
  if (window === undefined) throw new Error('the app opened no window');
  window.webContents.printers = printers;

  // ipcRenderer.invoke from the UI window's top frame on the app's origin.
  await page.exposeBinding('packlineInvoke', (_source, channel: string, args: unknown) => electron.ipcMain.invoke(channel, invokeEvent(window.webContents.id), args));
  // As main/bridge-api.ts builds it for the preload: a frozen object, one function per channel,
  // never rejecting.
  await page.addInitScript((channels: readonly string[]) => {
    const invoke: unknown = Reflect.get(window, 'packlineInvoke');
    if (typeof invoke !== 'function') throw new Error('the bridge binding is missing');
    const api: Record<string, (args?: unknown) => Promise<unknown>> = {};
    for (const channel of channels) {
      api[channel] = (args?: unknown) =>
        Promise.resolve(Reflect.apply(invoke, window, [channel, args])).catch(() => ({ ok: false, error: { code: 'unavailable', message: 'The desktop host did not answer. Restart Packline; if it happens again, tell your lead.' } }));
    }
    Object.defineProperty(window, 'packline', { value: Object.freeze(api), enumerable: true });
  }, [...CHANNELS]);
  // Main adds the station's token to the page's requests for the configured server, and only those.
  const origin = new URL(serverUrl).origin;
  await page.route(
    (url) => url.origin === origin && url.pathname.startsWith('/api/'),
    async (route) => {
      const request = route.request();
      const headers = await electron.session.sendHeaders(request.url(), await request.allHeaders());
      await route.continue({ headers });
    },
  );

  return {
    electron,
    window,
    log: recorded.entries,
    pdfDir: path.join(electron.app.getPath('documents'), 'Packline'),
    printJobs: () =>
      electron.windows
        .filter((w) => w !== window)
        .flatMap((w) => w.webContents.printCalls.map((options) => ({ options, html: w.loadedHtml ?? '' }))),
    close: () => rmSync(userData, { recursive: true, force: true }),
  };
}

/** A network thermal printer on its raw port: keeps every job it is sent, as text. */
export type LabelPrinter = { readonly port: number; readonly jobs: string[]; stop(): Promise<void> };

export async function startLabelPrinter(): Promise<LabelPrinter> {
  const jobs: string[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    // A Zebra closes its end once it has the whole job, which is when sendZpl counts it delivered.
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks).toString('utf8'));
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the label printer has no port');
  return {
    port: address.port,
    jobs,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
