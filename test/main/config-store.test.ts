import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfigStore, type ConfigStore } from '../../main/config-store.ts';
import { installServerAuth } from '../../main/server-auth.ts';
import { FakeSafeStorage, FakeSession, recordingLog, type LogEntry } from './fake-electron.ts';

const TOKEN = 'pkl_dev_7Q2xV9mNc4Lr8TzK';
const enrolment = { serverUrl: 'https://oms.example.com', siteId: 'site-1', stationName: 'Pack 3' };

describe('station configuration', () => {
  let dir: string;
  let file: string;
  let safeStorage: FakeSafeStorage;
  let entries: LogEntry[];
  const open = (platform: NodeJS.Platform = 'linux'): ConfigStore => {
    const recorded = recordingLog();
    entries = recorded.entries;
    return createConfigStore({ file, safeStorage, platform, log: recorded.log });
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-config-'));
    file = path.join(dir, 'station.json');
    safeStorage = new FakeSafeStorage();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts unconfigured', async () => {
    const store = open();
    await store.load();
    expect(store.view()).toBeNull();
    expect(store.serverOrigin()).toBeNull();
    expect(await store.token()).toBeNull();
  });

  it('encrypts the token with safeStorage and stores only the ciphertext, as base64', async () => {
    const store = open();
    await store.load();
    await store.set({ ...enrolment, token: TOKEN });
    expect(safeStorage.calls.filter((c) => c.method === 'encryptStringAsync')).toEqual([{ method: 'encryptStringAsync', input: TOKEN }]);
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    const stored: unknown = JSON.parse(onDisk);
    const expectedCiphertext = Buffer.concat([Buffer.from('enc:'), Buffer.from(TOKEN).reverse()]).toString('base64');
    expect(stored).toEqual({ version: 1, serverUrl: 'https://oms.example.com/', siteId: 'site-1', stationName: 'Pack 3', tokenCiphertext: expectedCiphertext });
  });

  it('never gives the token back in the view, only whether there is one', async () => {
    const store = open();
    await store.load();
    const view = await store.set({ ...enrolment, token: TOKEN });
    expect(view).toEqual({ serverUrl: 'https://oms.example.com/', siteId: 'site-1', stationName: 'Pack 3', hasToken: true });
    expect(JSON.stringify(store.view())).not.toContain(TOKEN);
    expect(JSON.stringify(entries)).not.toContain(TOKEN);
  });

  it('decrypts the token after a restart, for the main process only', async () => {
    const first = open();
    await first.load();
    await first.set({ ...enrolment, token: TOKEN });
    const second = open();
    await second.load();
    expect(second.view()?.hasToken).toBe(true);
    expect(await second.token()).toBe(TOKEN);
    expect(safeStorage.calls.filter((c) => c.method === 'decryptStringAsync')).toHaveLength(1);
  });

  it('keeps the token when it is not sent, and forgets it when sent null', async () => {
    const store = open();
    await store.load();
    await store.set({ ...enrolment, token: TOKEN });
    expect((await store.set({ ...enrolment, stationName: 'Pack 4' })).hasToken).toBe(true);
    expect(await store.token()).toBe(TOKEN);
    expect((await store.set({ ...enrolment, token: null })).hasToken).toBe(false);
    expect(await store.token()).toBeNull();
    expect(await readFile(file, 'utf8')).not.toContain('tokenCiphertext');
  });

  it('keeps the device id with its token: across a reload and a rename, gone with the token', async () => {
    const store = open();
    await store.load();
    expect(await store.set({ ...enrolment, deviceId: 'dev-9', token: TOKEN })).toMatchObject({ deviceId: 'dev-9', hasToken: true });
    expect((await store.set({ ...enrolment, stationName: 'Pack 4' })).deviceId).toBe('dev-9');
    const again = open();
    await again.load();
    expect(again.view()).toMatchObject({ deviceId: 'dev-9', stationName: 'Pack 4' });
    // A new token without a device id is another device's: the old id does not stay with it.
    expect((await again.set({ ...enrolment, token: `${TOKEN}-2` })).deviceId).toBeUndefined();
    await again.set({ ...enrolment, deviceId: 'dev-10', token: TOKEN });
    expect((await again.set({ ...enrolment, token: null })).deviceId).toBeUndefined();
  });

  it('drops the token when the server changes, so it is never sent to another server', async () => {
    const store = open();
    await store.load();
    await store.set({ ...enrolment, token: TOKEN });
    const moved = await store.set({ ...enrolment, serverUrl: 'https://other.example.net' });
    expect(moved.hasToken).toBe(false);
    expect(await store.token()).toBeNull();
    // A different path on the same server keeps it.
    await store.set({ ...enrolment, serverUrl: 'https://other.example.net', token: TOKEN });
    expect((await store.set({ ...enrolment, serverUrl: 'https://other.example.net/packline' })).hasToken).toBe(true);
  });

  it('refuses to store the token when the OS has no secure storage, and writes nothing', async () => {
    safeStorage.available = false;
    const store = open();
    await store.load();
    await expect(store.set({ ...enrolment, token: TOKEN })).rejects.toMatchObject({
      code: 'encryption-unavailable',
      message: expect.stringContaining('did not save it'),
    });
    expect(existsSync(file)).toBe(false);
    expect(safeStorage.calls.some((c) => c.method === 'encryptStringAsync')).toBe(false);
  });

  it('refuses the hard-coded-key backend on Linux, which would be storing it in clear', async () => {
    safeStorage.backend = 'basic_text';
    const store = open('linux');
    await store.load();
    await expect(store.set({ ...enrolment, token: TOKEN })).rejects.toMatchObject({ code: 'encryption-unavailable', message: expect.stringContaining('keyring') });
    // The rest of the configuration can still be saved without a token.
    expect(await store.set(enrolment)).toMatchObject({ hasToken: false });
  });

  it('re-encrypts when the OS rotated its key', async () => {
    const first = open();
    await first.load();
    await first.set({ ...enrolment, token: TOKEN });
    safeStorage.shouldReEncrypt = true;
    const second = open();
    await second.load();
    expect(await second.token()).toBe(TOKEN);
    expect(safeStorage.calls.filter((c) => c.method === 'encryptStringAsync')).toHaveLength(2);
  });

  it('treats a damaged file as unconfigured and logs it', async () => {
    await writeFile(file, '{"version":1,"serverUrl":');
    const store = open();
    await store.load();
    expect(store.view()).toBeNull();
    expect(entries).toContainEqual(expect.objectContaining({ level: 'error', message: 'Station configuration is damaged; starting unconfigured' }));
  });
});

describe('server authentication header', () => {
  it('adds the token to requests for the configured server, and to no other origin', async () => {
    const session = new FakeSession();
    installServerAuth(session, { serverOrigin: () => 'https://oms.example.com', token: async () => TOKEN, log: recordingLog().log });
    expect(await session.sendHeaders('https://oms.example.com/api/v1/sync/orders/pull', { Accept: 'application/json' })).toEqual({
      Accept: 'application/json',
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(await session.sendHeaders('https://oms.example.com.evil.example/api')).toEqual({});
    expect(await session.sendHeaders('http://oms.example.com/api')).toEqual({});
    expect(await session.sendHeaders('https://www.ups.com/track')).toEqual({});
  });

  it('adds nothing before the station is enrolled', async () => {
    const session = new FakeSession();
    installServerAuth(session, { serverOrigin: () => null, token: async () => TOKEN, log: recordingLog().log });
    expect(await session.sendHeaders('https://oms.example.com/api')).toEqual({});
  });
});
