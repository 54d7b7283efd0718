import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { BrowserWindowConstructorOptions, CustomScheme, PrinterInfo, PrintToPDFOptions, Rectangle, WebContentsPrintOptions } from 'electron';
import type {
  AppHost,
  DisplayHost,
  ElectronHost,
  FrameHost,
  HeadersListener,
  InvokeEvent,
  IpcMainHost,
  PermissionCheckHandler,
  PermissionRequestHandler,
  ProtocolHost,
  SafeStorageHost,
  SessionHost,
  WebContentsHost,
  WindowHost,
} from '../../main/electron-host.ts';
import type { Log } from '../../main/logging.ts';

/**
 * A recording fake of the Electron subset in main/electron-host.ts. It is the one sanctioned
 * fake in the suite: no Electron binary exists on the machines that run these tests. It does
 * what Electron would do at the seam (emit events, call back, hand out ids) and records calls.
 */

export class FakeNavigationEvent {
  defaultPrevented = false;
  constructor(readonly url: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter implements WebContentsHost {
  readonly id = nextWebContentsId++;
  readonly mainFrame: FrameHost = { url: 'app://packline/index.html', parent: null };
  windowOpenHandler: ((details: { readonly url: string }) => { action: 'deny' }) | null = null;
  printers: PrinterInfo[] = [];
  printResult = { success: true, failureReason: '' };
  readonly printCalls: WebContentsPrintOptions[] = [];
  readonly pdfCalls: PrintToPDFOptions[] = [];
  destroyed = false;

  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  async getPrintersAsync(): Promise<PrinterInfo[]> {
    return this.printers;
  }
  print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void {
    this.printCalls.push(options);
    queueMicrotask(() => callback(this.printResult.success, this.printResult.failureReason));
  }
  async printToPDF(options: PrintToPDFOptions): Promise<Uint8Array> {
    this.pdfCalls.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The page tries to navigate; true when the host prevented it. */
  navigate(kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const event = new FakeNavigationEvent(url);
    this.emit(kind, event);
    return event.defaultPrevented;
  }
  /** The page calls window.open(url). */
  openWindow(url: string): { action: string } {
    if (this.windowOpenHandler === null) return { action: 'allow' };
    return this.windowOpenHandler({ url });
  }
  attachWebview(): boolean {
    const event = new FakeNavigationEvent('');
    this.emit('will-attach-webview', event, {}, {});
    return event.defaultPrevented;
  }
}

export class FakeWindow extends EventEmitter implements WindowHost {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  /** The file's contents when loadFile was called (print jobs delete the file afterwards). */
  loadedHtml: string | null = null;
  normalBounds: Rectangle;
  maximized = false;
  minimized = false;
  focused = false;
  shown = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.normalBounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  async loadFile(filePath: string): Promise<void> {
    this.loadedUrl = `file://${filePath}`;
    this.loadedHtml = await readFile(filePath, 'utf8');
  }
  getNormalBounds(): Rectangle {
    return this.normalBounds;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The user closes the window. */
  close(): void {
    this.emit('close');
    this.destroy();
    this.emit('closed');
  }
}

export class FakeApp extends EventEmitter implements AppHost {
  isPackaged = false;
  lockGranted = true;
  quitCalls = 0;
  readonly paths: Record<string, string> = {};
  readonly calls: string[] = [];

  constructor(userData: string) {
    super();
    this.paths.userData = userData;
    this.paths.appData = userData;
    this.paths.documents = `${userData}/Documents`;
    this.paths.temp = `${userData}/tmp`;
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.lockGranted;
  }
  async whenReady(): Promise<void> {
    this.calls.push('whenReady');
  }
  quit(): void {
    this.quitCalls++;
  }
  getPath(name: 'appData' | 'userData' | 'documents' | 'temp'): string {
    const value = this.paths[name];
    if (value === undefined) throw new Error(`no path ${name}`);
    return value;
  }
  setPath(name: 'userData', value: string): void {
    this.paths[name] = value;
  }
  getVersion(): string {
    return '1.4.2';
  }
}

export class FakeIpcMain implements IpcMainHost {
  readonly handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `event`'s frame would resolve to. */
  invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeProtocol implements ProtocolHost {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  constructor(private readonly calls: string[]) {}
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.calls.push('registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
}

export class FakeSession implements SessionHost {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  headerListener: { filter: { urls: string[] }; listener: HeadersListener } | null = null;
  readonly webRequest = {
    onBeforeSendHeaders: (filter: { urls: string[] }, listener: HeadersListener) => {
      this.headerListener = { filter, listener };
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  /** A page at `requestingUrl` asks for `permission`; resolves to what the host answered (unset = Electron's default, grant). */
  requestPermission(permission: string, requestingUrl: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (handler === null) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve, { requestingUrl }));
  }
  checkPermission(permission: string, requestingOrigin: string): boolean {
    return this.permissionCheckHandler === null ? true : this.permissionCheckHandler(null, permission, requestingOrigin);
  }
  /** The headers a request to `url` leaves with. */
  sendHeaders(url: string, requestHeaders: Record<string, string> = {}): Promise<Record<string, string>> {
    const entry = this.headerListener;
    if (entry === null) return Promise.resolve(requestHeaders);
    return new Promise((resolve) => entry.listener({ url, requestHeaders }, (response) => resolve(response.requestHeaders ?? requestHeaders)));
  }
}

/** Reversible and recognisable: "enc:" + the UTF-8 bytes reversed, so a test can tell ciphertext from clear. */
export class FakeSafeStorage implements SafeStorageHost {
  available = true;
  backend = 'gnome_libsecret';
  shouldReEncrypt = false;
  readonly calls: { method: string; input: string }[] = [];
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push({ method: 'isAsyncEncryptionAvailable', input: '' });
    return this.available;
  }
  async encryptStringAsync(plainText: string): Promise<Uint8Array> {
    this.calls.push({ method: 'encryptStringAsync', input: plainText });
    return Buffer.concat([Buffer.from('enc:'), Buffer.from(plainText, 'utf8').reverse()]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.calls.push({ method: 'decryptStringAsync', input: encrypted.toString('base64') });
    if (encrypted.subarray(0, 4).toString() !== 'enc:') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { shouldReEncrypt: this.shouldReEncrypt, result: Buffer.from(encrypted.subarray(4)).reverse().toString('utf8') };
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

export type FakeElectron = {
  readonly host: ElectronHost;
  readonly app: FakeApp;
  readonly windows: FakeWindow[];
  readonly ipcMain: FakeIpcMain;
  readonly protocol: FakeProtocol;
  readonly session: FakeSession;
  readonly safeStorage: FakeSafeStorage;
  readonly opened: string[];
  displays: DisplayHost[];
  /** What print() reports in windows created from now on. */
  printResult: { success: boolean; failureReason: string };
};

export function createFakeElectron(userData: string): FakeElectron {
  const app = new FakeApp(userData);
  const windows: FakeWindow[] = [];
  const opened: string[] = [];
  // Like Electron, announce every new webContents on the app.
  class BrowserWindow extends FakeWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      super(options);
      this.webContents.printResult = { ...fake.printResult };
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }
  const fake: FakeElectron = {
    app,
    windows,
    opened,
    ipcMain: new FakeIpcMain(),
    protocol: new FakeProtocol(app.calls),
    session: new FakeSession(),
    safeStorage: new FakeSafeStorage(),
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    printResult: { success: true, failureReason: '' },
    get host(): ElectronHost {
      return {
        app,
        BrowserWindow,
        ipcMain: fake.ipcMain,
        protocol: fake.protocol,
        defaultSession: () => fake.session,
        shell: {
          openExternal: async (url: string) => {
            opened.push(url);
          },
        },
        safeStorage: fake.safeStorage,
        screen: {
          getAllDisplays: () => fake.displays,
          getPrimaryDisplay: () => {
            const primary = fake.displays[0];
            if (primary === undefined) throw new Error('no displays');
            return primary;
          },
        },
      };
    },
  };
  return fake;
}

/** An IPC event as Electron would build it for a frame at `url` in webContents `senderId`. */
export function invokeEvent(senderId: number, url = 'app://packline/index.html', parent: FrameHost | null = null): InvokeEvent {
  return { sender: { id: senderId }, senderFrame: { url, parent } };
}

export type LogEntry = { level: keyof Log; context: object; message: string };

export function recordingLog(): { log: Log; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: keyof Log) => (context: object, message: string) => {
    entries.push({ level, context, message });
  };
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries };
}
