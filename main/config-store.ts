import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { StationConfigInput, StationConfigView } from '../shared/bridge/contract.ts';
import type { SafeStorageHost } from './electron-host.ts';
import { HostError } from './host-error.ts';
import type { Log } from './logging.ts';

/**
 * The station's enrolment: server URL, site, station name and device token, in
 * `<userData>/station.json`. The token is encrypted with Electron's safeStorage (OS keychain /
 * DPAPI / libsecret) and stored as base64; it is never written in clear and never sent to the page.
 */

const StoredConfig = Compile(
  Type.Object({
    version: Type.Literal(1),
    serverUrl: Type.String(),
    siteId: Type.String(),
    stationName: Type.String(),
    deviceId: Type.Optional(Type.String()),
    tokenCiphertext: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/=]+$' })),
  }),
);
type Stored = { version: 1; serverUrl: string; siteId: string; stationName: string; deviceId?: string; tokenCiphertext?: string };

export type ConfigStore = {
  /** Reads the file; a missing or damaged file means "not configured" (and a damaged one is logged). */
  load(): Promise<void>;
  view(): StationConfigView | null;
  /** `https://host:port` of the replication server, for CSP and the auth header. */
  serverOrigin(): string | null;
  /** The token in clear, for the main process only. */
  token(): Promise<string | null>;
  set(input: StationConfigInput): Promise<StationConfigView>;
  /**
   * Throws the HostError `set` would throw for a token, without storing anything: asked before
   * an enrolment code is spent, so a computer with no keyring does not use up the code.
   */
  assertCanKeepToken(): Promise<void>;
};

export type ConfigStoreOptions = {
  readonly file: string;
  readonly safeStorage: SafeStorageHost;
  readonly platform: NodeJS.Platform;
  readonly log: Log;
};

export function createConfigStore(options: ConfigStoreOptions): ConfigStore {
  const { file, safeStorage, log } = options;
  let stored: Stored | null = null;
  let clearToken: string | null = null;

  const save = async (next: Stored) => {
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a half file behind.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(next, null, 2), { mode: 0o600 });
    await rename(temp, file);
    stored = next;
  };

  const assertCanKeepToken = async (): Promise<void> => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new HostError(
        'encryption-unavailable',
        'This computer offers no secure storage for the station token, so Packline did not save it. Sign in to the desktop session normally and try again.',
      );
    }
    if (options.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new HostError(
        'encryption-unavailable',
        'No keyring (GNOME Keyring or KWallet) is running, so the station token could only be stored unprotected. Packline did not save it; start a keyring and try again.',
      );
    }
  };

  const encrypt = async (token: string): Promise<string> => {
    await assertCanKeepToken();
    return Buffer.from(await safeStorage.encryptStringAsync(token)).toString('base64');
  };

  const view = (): StationConfigView | null => {
    if (stored === null) return null;
    const v: StationConfigView = { serverUrl: stored.serverUrl, siteId: stored.siteId, stationName: stored.stationName, hasToken: stored.tokenCiphertext !== undefined };
    if (stored.deviceId !== undefined) v.deviceId = stored.deviceId;
    return v;
  };

  return {
    assertCanKeepToken,
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        stored = null;
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (StoredConfig.Check(parsed)) {
        stored = parsed;
      } else {
        stored = null;
        log.error({ file }, 'Station configuration is damaged; starting unconfigured');
      }
      clearToken = null;
    },

    view,

    serverOrigin() {
      return stored === null ? null : new URL(stored.serverUrl).origin;
    },

    async token() {
      if (clearToken !== null) return clearToken;
      const current = stored;
      if (current?.tokenCiphertext === undefined) return null;
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(current.tokenCiphertext, 'base64'));
      // The OS rotated its key: store the token under the new one.
      if (shouldReEncrypt) await save({ ...current, tokenCiphertext: await encrypt(result) });
      clearToken = result;
      return result;
    },

    async set(input) {
      const serverUrl = new URL(input.serverUrl);
      const previous = stored;
      let tokenCiphertext = previous?.tokenCiphertext;
      // A token was issued by one server: never send it to another one.
      if (previous !== null && new URL(previous.serverUrl).origin !== serverUrl.origin) tokenCiphertext = undefined;
      if (input.token === null) tokenCiphertext = undefined;
      else if (input.token !== undefined) tokenCiphertext = await encrypt(input.token);

      const next: Stored = { version: 1, serverUrl: serverUrl.href, siteId: input.siteId, stationName: input.stationName };
      // The device goes with its token: a new token without a device id drops the old id.
      const deviceId = input.deviceId ?? (input.token === undefined && tokenCiphertext !== undefined ? previous?.deviceId : undefined);
      if (deviceId !== undefined) next.deviceId = deviceId;
      if (tokenCiphertext !== undefined) next.tokenCiphertext = tokenCiphertext;
      await save(next);
      clearToken = typeof input.token === 'string' ? input.token : tokenCiphertext === undefined ? null : clearToken;
      log.info({ serverOrigin: serverUrl.origin, siteId: input.siteId, hasToken: tokenCiphertext !== undefined }, 'Station configuration saved');
      const saved = view();
      if (saved === null) throw new Error('unreachable: configuration was just saved');
      return saved;
    },
  };
}
