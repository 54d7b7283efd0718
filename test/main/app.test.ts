import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type AppOptions } from '../../main/app.ts';
import { CHANNELS } from '../../shared/bridge/channels.ts';
import { createFakeElectron, invokeEvent, recordingLog, type FakeElectron, type FakeWindow } from './fake-electron.ts';

describe('desktop host start-up', () => {
  let dir: string;
  let fake: FakeElectron;
  let options: AppOptions;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-app-'));
    fake = createFakeElectron(path.join(dir, 'userData'));
    const rendererRoot = path.join(dir, 'renderer');
    await mkdir(rendererRoot, { recursive: true });
    await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Packline</title>');
    options = {
      preload: '/opt/Packline/resources/app.asar/dist/main/preload.cjs',
      rendererRoot,
      versions: { electron: '45.4.1', chrome: '140.0.7339.41', platform: 'linux' },
      createLog: () => recordingLog().log,
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function start(): Promise<FakeWindow> {
    await startApp(fake.host, options).ready;
    const window = fake.windows[0];
    if (window === undefined) throw new Error('no window');
    return window;
  }

  it('quits at once when another Packline already runs, creating nothing', async () => {
    fake.app.lockGranted = false;
    await startApp(fake.host, options).ready;
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('takes the lock and registers the app scheme before the app is ready', async () => {
    await start();
    expect(fake.app.calls.slice(0, 3)).toEqual(['requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'whenReady']);
    expect(fake.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('opens one hardened window on the app protocol', async () => {
    const window = await start();
    expect(fake.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({ preload: options.preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: true });
    expect(window.options.show).toBe(false);
    expect(window.loadedUrl).toBe('app://packline/index.html');
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('hides DevTools in packaged builds', async () => {
    fake.app.isPackaged = true;
    expect((await start()).options.webPreferences?.devTools).toBe(false);
  });

  it('locks down every webContents: navigation, new windows, webviews', async () => {
    const { webContents } = await start();
    expect(webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(webContents.navigate('will-navigate', 'app://packline/orders')).toBe(false);
    expect(webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(webContents.attachWebview()).toBe(true);
    expect(await fake.session.requestPermission('media', 'app://packline/index.html')).toBe(false);
  });

  it('serves the UI with the CSP', async () => {
    await start();
    const handler = fake.protocol.handlers.get('app');
    const response = await handler?.(new Request('app://packline/'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it('answers every contract channel, from its own window only', async () => {
    const window = await start();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(await fake.ipcMain.invoke('app:version', invokeEvent(window.webContents.id), undefined)).toEqual({
      ok: true,
      value: { version: '1.4.2', electron: '45.4.1', chrome: '140.0.7339.41', platform: 'linux' },
    });
    expect(await fake.ipcMain.invoke('app:version', invokeEvent(window.webContents.id + 100), undefined)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('enrols from the start-up environment before the window loads, so the page finds a station', async () => {
    const asked: string[] = [];
    options = {
      ...options,
      env: { PACKLINE_ENROL_SERVER: 'https://oms.example.com', PACKLINE_ENROL_CODE: 'K7QM-2XWD' },
      fetch: async (input, init) => {
        asked.push(`${input instanceof Request ? input.url : input.toString()} ${typeof init?.body === 'string' ? init.body : ''}`);
        return Response.json({ token: 'pkl_station_token_77', deviceId: 'dev-77', siteId: 'site-1', name: 'Demo station MAD' });
      },
    };
    const window = await start();
    expect(asked).toEqual(['https://oms.example.com/api/v1/enrol {"code":"K7QM-2XWD"}']);
    expect(await fake.ipcMain.invoke('config:get', invokeEvent(window.webContents.id), undefined)).toEqual({
      ok: true,
      value: { serverUrl: 'https://oms.example.com/', siteId: 'site-1', stationName: 'Demo station MAD', hasToken: true, deviceId: 'dev-77' },
    });
    expect(window.loadedUrl).toBe('app://packline/index.html');
    expect(await fake.session.sendHeaders('https://oms.example.com/api/v1/sync/orders/pull')).toEqual({ Authorization: 'Bearer pkl_station_token_77' });
  });

  it('enrols through the bridge: token sealed, server allowed by CSP, header added for that server only', async () => {
    const window = await start();
    const token = 'pkl_station_token_42';
    const result = await fake.ipcMain.invoke('config:set', invokeEvent(window.webContents.id), {
      serverUrl: 'https://oms.example.com',
      siteId: 'site-1',
      stationName: 'Pack 3',
      token,
    });
    expect(result).toEqual({ ok: true, value: { serverUrl: 'https://oms.example.com/', siteId: 'site-1', stationName: 'Pack 3', hasToken: true } });
    expect(JSON.stringify(await fake.ipcMain.invoke('config:get', invokeEvent(window.webContents.id), undefined))).not.toContain(token);
    const response = await fake.protocol.handlers.get('app')?.(new Request('app://packline/index.html'));
    expect(response?.headers.get('content-security-policy')).toContain("connect-src 'self' https://oms.example.com;");
    expect(await fake.session.sendHeaders('https://oms.example.com/api/v1/sync/orders/pull')).toEqual({ Authorization: `Bearer ${token}` });
    expect(await fake.session.sendHeaders('https://www.ups.com/')).toEqual({});
  });

  it('brings the window forward when Packline is started again', async () => {
    const window = await start();
    window.minimized = true;
    fake.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('reopens where the window was closed, maximised if it was', async () => {
    fake.displays = [{ workArea: { x: 0, y: 0, width: 2560, height: 1400 } }];
    const first = await start();
    first.normalBounds = { x: 200, y: 150, width: 1500, height: 900 };
    first.maximize();
    first.close();

    const again = createFakeElectron(fake.app.getPath('userData'));
    again.displays = fake.displays;
    await startApp(again.host, options).ready;
    const second = again.windows[0];
    expect(second?.options).toMatchObject({ x: 200, y: 150, width: 1500, height: 900 });
    second?.emit('ready-to-show');
    expect(second?.maximized).toBe(true);
  });

  it('quits when the window is closed', async () => {
    (await start()).close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(1);
  });
});
