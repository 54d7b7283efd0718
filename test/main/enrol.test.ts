import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConfigStore, type ConfigStore } from '../../main/config-store.ts';
import { enrolWithServer } from '../../main/enrol.ts';
import { createHandlers } from '../../main/handlers.ts';
import { registerBridge } from '../../main/ipc.ts';
import type { Log } from '../../main/logging.ts';
import { api, makeSite, startTestServer, type TestServer } from '../support/server.ts';
import { FakeIpcMain, FakeSafeStorage, invokeEvent, recordingLog, type LogEntry } from './fake-electron.ts';

/**
 * The first-run screen's enrolment as the desktop app does it: in main, against a real server.
 * The page's Content-Security-Policy only lets it reach its configured server, and a station
 * being enrolled has none, so main makes the request, keeps the token and tells the page who
 * it is.
 */
describe('enrolling from the first-run screen, in the main process', () => {
  let server: TestServer;
  let siteId: string;
  let dir: string;
  let safeStorage: FakeSafeStorage;
  let config: ConfigStore;
  let entries: LogEntry[];
  let log: Log;

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', seed: 'none' });
    siteId = (await makeSite(server, 'ENR')).siteId;
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-enrol-'));
    const recorded = recordingLog();
    entries = recorded.entries;
    log = recorded.log;
    safeStorage = new FakeSafeStorage();
    config = createConfigStore({ file: path.join(dir, 'station.json'), safeStorage, platform: 'linux', log });
    await config.load();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function newCode(name: string): Promise<string> {
    const res = await api(server, 'POST', '/api/v1/devices', { token: server.adminToken, body: { siteId, name } });
    const code = typeof res.body === 'object' && res.body !== null && 'enrolmentCode' in res.body ? res.body.enrolmentCode : null;
    if (typeof code !== 'string') throw new Error(`no enrolment code in ${JSON.stringify(res.body)}`);
    return code;
  }

  const enrol = (code: string, serverUrl = server.url) => enrolWithServer({ serverUrl, via: { kind: 'code', code } }, { config, fetch, log });

  it('keeps the token in the config store and tells the page who the station is, never the token', async () => {
    const answer = await enrol(await newCode('Pack 5'));
    expect(answer).toMatchObject({ outcome: 'station', siteId, name: 'Pack 5' });
    expect(JSON.stringify(answer)).not.toMatch(/token/i);
    expect(config.view()).toMatchObject({ serverUrl: `${server.url}/`, siteId, stationName: 'Pack 5', hasToken: true, deviceId: answer.outcome === 'station' ? answer.deviceId : '' });
    // The token works, and it went through safeStorage.
    const token = await config.token();
    expect((await api(server, 'GET', '/api/v1/me', { token: token ?? '' })).status).toBe(200);
    expect(safeStorage.calls.some((c) => c.method.startsWith('encrypt'))).toBe(true);
  });

  it('answers a refused code with its status and the server’s words, and keeps nothing', async () => {
    const code = await newCode('Pack 6');
    expect((await api(server, 'POST', '/api/v1/enrol', { body: { code } })).status).toBe(200);
    const answer = await enrol(code);
    expect(answer).toMatchObject({ outcome: 'refused', status: 409 });
    expect(config.view()).toBeNull();
    expect(entries.find((e) => e.level === 'warn')?.message).toMatch(/^Enrolment not granted: /);
    expect(await enrol('NOPE-NOPE')).toMatchObject({ outcome: 'refused', status: 401 });
  });

  it('follows no redirect and reads no reply larger than a token’s: a code goes to the server it was typed for only', async () => {
    const code = await newCode('Pack 10');
    const elsewhere = createServer((_req, res) => {
      if (!huge) {
        res.writeHead(307, { location: `${server.url}/api/v1/enrol` }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"pad":"${'x'.repeat(200_000)}"}`);
    });
    let huge = false;
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const address = elsewhere.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const redirected = await enrol(code, `http://127.0.0.1:${address.port}`);
      expect(redirected).toMatchObject({ outcome: 'unreachable' });
      expect(config.view()).toBeNull();
      huge = true;
      expect(await enrol(code, `http://127.0.0.1:${address.port}`)).toMatchObject({ outcome: 'bad-answer', status: 200 });
      // The code was never spent.
      expect(await enrol(code)).toMatchObject({ outcome: 'station', name: 'Pack 10' });
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });

  it('answers an unreachable server as such', async () => {
    expect(await enrol('ABCD-EFGH', 'http://127.0.0.1:9')).toMatchObject({ outcome: 'unreachable' });
    expect(config.view()).toBeNull();
  });

  it('across the bridge: a computer with no keyring is an error the page can name, and no code is spent in vain', async () => {
    safeStorage.available = false;
    const ipc = new FakeIpcMain();
    const handlers = createHandlers({
      config,
      enrol: (args) => enrolWithServer(args, { config, fetch, log }),
      listPrinters: async () => [],
      print: async () => ({ outcome: 'printed', printer: null }),
      sendZpl: async () => ({ bytes: 0 }),
      version: { version: '1.0.0', electron: '45.4.1', chrome: '140', platform: 'linux' },
      rendererLog: log,
      externalHosts: () => [],
      openExternal: async () => {},
    });
    registerBridge(ipc, handlers, { isOwnWindow: (id) => id === 1, log });
    const code = await newCode('Pack 9');
    const result: unknown = await ipc.invoke('station:enrol', invokeEvent(1), { serverUrl: server.url, via: { kind: 'code', code } });
    expect(result).toMatchObject({ ok: false, error: { code: 'encryption-unavailable' } });
    expect(config.view()).toBeNull();
    // Once a keyring runs, the same code still works.
    safeStorage.available = true;
    expect(await ipc.invoke('station:enrol', invokeEvent(1), { serverUrl: server.url, via: { kind: 'code', code } })).toMatchObject({ ok: true, value: { outcome: 'station', name: 'Pack 9' } });
    // The bridge checks what the page sends like every other message.
    const bad: unknown = await ipc.invoke('station:enrol', invokeEvent(1), { serverUrl: 'file:///etc/passwd', via: { kind: 'code', code: 'X' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
  });
});
