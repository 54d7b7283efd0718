import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  PrinterInfo,
  PrintToPDFOptions,
  Rectangle,
  WebContentsPrintOptions,
} from 'electron';

/**
 * The seam between the main process and Electron: the subset of Electron's API that main/ uses,
 * as plain structural types. Everything else in main/ is written against these types, so it
 * runs under Node with a recording fake (test/main/fake-electron.ts) where no Electron binary
 * exists. `loadElectron` is the one place that imports 'electron' at runtime, and only main.ts
 * calls it.
 */

/** The event Electron passes to navigation listeners: enough to read the target and refuse it. */
export type NavigationEvent = { readonly url: string; preventDefault(): void };
export type PreventableEvent = { preventDefault(): void };

export type FrameHost = { readonly url: string; readonly parent: FrameHost | null };

export type WebContentsHost = {
  readonly id: number;
  on(event: 'will-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
  getPrintersAsync(): Promise<PrinterInfo[]>;
  print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
  isDestroyed(): boolean;
};

export type WindowHost = {
  readonly webContents: WebContentsHost;
  loadURL(url: string): Promise<void>;
  loadFile(filePath: string): Promise<void>;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  maximize(): void;
  restore(): void;
  show(): void;
  focus(): void;
  destroy(): void;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
};

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => WindowHost;

export type InvokeEvent = { readonly sender: { readonly id: number }; readonly senderFrame: FrameHost | null };

export type IpcMainHost = {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
};

export type ProtocolHost = {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
};

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { readonly requestingUrl?: string },
) => void;
export type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;

export type HeadersListener = (
  details: { readonly url: string; readonly requestHeaders: Record<string, string> },
  callback: (response: { requestHeaders?: Record<string, string> }) => void,
) => void;

export type SessionHost = {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
  readonly webRequest: { onBeforeSendHeaders(filter: { urls: string[] }, listener: HeadersListener): void };
};

export type SafeStorageHost = {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: `basic_text` means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend(): string;
};

export type AppHost = {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  getPath(name: 'appData' | 'userData' | 'documents' | 'temp'): string;
  setPath(name: 'userData', path: string): void;
  getVersion(): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsHost) => void): unknown;
};

export type DisplayHost = { readonly workArea: Rectangle };

export type ElectronHost = {
  readonly app: AppHost;
  readonly BrowserWindow: WindowConstructor;
  readonly ipcMain: IpcMainHost;
  readonly protocol: ProtocolHost;
  readonly defaultSession: () => SessionHost;
  readonly shell: { openExternal(url: string): Promise<void> };
  readonly safeStorage: SafeStorageHost;
  readonly screen: { getAllDisplays(): DisplayHost[]; getPrimaryDisplay(): DisplayHost };
};

/** The real Electron, for main.ts only. Typed against the seam so a mismatch fails to compile. */
export async function loadElectron(): Promise<ElectronHost> {
  const electron = await import('electron');
  return {
    app: electron.app,
    BrowserWindow: electron.BrowserWindow,
    ipcMain: electron.ipcMain,
    protocol: electron.protocol,
    // The default session exists only once the app is ready, so it is looked up on use.
    defaultSession: () => electron.session.defaultSession,
    shell: electron.shell,
    safeStorage: electron.safeStorage,
    // `screen` may not be touched before the app is ready either.
    screen: {
      getAllDisplays: () => electron.screen.getAllDisplays(),
      getPrimaryDisplay: () => electron.screen.getPrimaryDisplay(),
    },
  };
}
