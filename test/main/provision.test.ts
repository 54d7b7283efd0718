import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConfigStore, type ConfigStore } from '../../main/config-store.ts';
import type { Log } from '../../main/logging.ts';
import { ENROL_CODE_ENV, ENROL_SERVER_ENV, provisionStation } from '../../main/provision.ts';
import { demoEnrolmentCode } from '../../scripts/demo-server.ts';
import { api, makeSite, startTestServer, type TestServer } from '../support/server.ts';
import { FakeSafeStorage, recordingLog, type LogEntry } from './fake-electron.ts';

/** The main process enrolling the station from its start-up environment, against a real server. */
describe('station enrolment from the start-up environment', () => {
  let server: TestServer;
  let siteId: string;
  let dir: string;
  let config: ConfigStore;
  let entries: LogEntry[];
  let log: Log;

  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', seed: 'none' });
    siteId = (await makeSite(server, 'PROV')).siteId;
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-provision-'));
    const recorded = recordingLog();
    entries = recorded.entries;
    log = recorded.log;
    config = createConfigStore({ file: path.join(dir, 'station.json'), safeStorage: new FakeSafeStorage(), platform: 'linux', log });
    await config.load();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function newCode(name = 'Pack 7'): Promise<string> {
    const res = await api(server, 'POST', '/api/v1/devices', { token: server.adminToken, body: { siteId, name } });
    expect(res.status).toBe(201);
    const code = typeof res.body === 'object' && res.body !== null && 'enrolmentCode' in res.body ? res.body.enrolmentCode : null;
    if (typeof code !== 'string') throw new Error(`no enrolment code in ${JSON.stringify(res.body)}`);
    return code;
  }

  const provision = (env: NodeJS.ProcessEnv) => provisionStation({ env, config, fetch, log });

  it('trades the code for a token, stores it with the device, and the token syncs', async () => {
    const env = { [ENROL_SERVER_ENV]: server.url, [ENROL_CODE_ENV]: await newCode() };
    expect(await provision(env)).toBe('enrolled');
    const view = config.view();
    expect(view).toMatchObject({ serverUrl: `${server.url}/`, siteId, stationName: 'Pack 7', hasToken: true });
    expect(view?.deviceId).toMatch(/\S/);
    // The code does not linger in the environment.
    expect(env[ENROL_CODE_ENV]).toBeUndefined();
    const token = await config.token();
    expect(token).not.toBeNull();
    const pulled = await api(server, 'GET', '/api/v1/sync/orders/pull?limit=1', { token: token ?? '' });
    expect(pulled.status).toBe(200);
  });

  it("enrols with the code npm start makes for the desktop app's demo station", async () => {
    await makeSite(server, 'MAD');
    const code = await demoEnrolmentCode(server.url, server.adminToken);
    expect(await provision({ [ENROL_SERVER_ENV]: server.url, [ENROL_CODE_ENV]: code })).toBe('enrolled');
    expect(config.view()).toMatchObject({ stationName: 'Desktop station MAD', hasToken: true });
    await expect(demoEnrolmentCode(server.url, server.adminToken, 'NOPE')).rejects.toThrow('the demo has no site NOPE');
  });

  it('keeps an existing enrolment with the same server and leaves the code unused', async () => {
    expect(await provision({ [ENROL_SERVER_ENV]: server.url, [ENROL_CODE_ENV]: await newCode() })).toBe('enrolled');
    const before = config.view();
    const code = await newCode('Pack 8');
    expect(await provision({ [ENROL_SERVER_ENV]: server.url, [ENROL_CODE_ENV]: code })).toBe('already-enrolled');
    expect(config.view()).toEqual(before);
    // Still good for another station.
    expect((await api(server, 'POST', '/api/v1/enrol', { body: { code } })).status).toBe(200);
  });

  it("logs the server's reason for a used code and stays unconfigured", async () => {
    const code = await newCode();
    expect((await api(server, 'POST', '/api/v1/enrol', { body: { code } })).status).toBe(200);
    expect(await provision({ [ENROL_SERVER_ENV]: server.url, [ENROL_CODE_ENV]: code })).toBe('failed');
    expect(config.view()).toBeNull();
    const error = entries.find((e) => e.level === 'error');
    expect(error?.message).toMatch(/refused the enrolment code: .+/);
  });

  it('does nothing without both variables, and refuses an address that is not http(s)', async () => {
    expect(await provision({})).toBe('not-asked');
    expect(await provision({ [ENROL_SERVER_ENV]: server.url })).toBe('not-asked');
    expect(await provision({ [ENROL_SERVER_ENV]: 'ftp://example.com', [ENROL_CODE_ENV]: 'ABCD-EFGH' })).toBe('failed');
    expect(config.view()).toBeNull();
  });

  it('says so when the server cannot be reached', async () => {
    expect(await provision({ [ENROL_SERVER_ENV]: 'http://127.0.0.1:9', [ENROL_CODE_ENV]: 'ABCD-EFGH' })).toBe('failed');
    expect(entries.find((e) => e.level === 'error')?.message).toMatch(/^Could not enrol the station with the server: The server at http:\/\/127\.0\.0\.1:9 cannot be reached/);
    expect(config.view()).toBeNull();
  });
});
