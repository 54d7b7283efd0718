import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { apiErrorMessage } from '../shared/sync/protocol.ts';
import type { ConfigStore } from './config-store.ts';
import type { Log } from './logging.ts';

/**
 * Enrols the station from its start-up environment, before the window opens:
 * `PACKLINE_ENROL_SERVER` (the server's address) and `PACKLINE_ENROL_CODE` (a one-time
 * enrolment code a manager created, or `npm start` for its demo). The code is traded for
 * the station's token here, in the main process, and stored like a token enrolled from the
 * first-run screen; the page then finds the station configured and goes to sign-in.
 *
 * A station already enrolled with that server keeps its token and ignores the code. Any
 * failure is logged and leaves the station as it was: the first-run screen still works.
 */

export const ENROL_SERVER_ENV = 'PACKLINE_ENROL_SERVER';
export const ENROL_CODE_ENV = 'PACKLINE_ENROL_CODE';
const TIMEOUT_MS = 10_000;

const EnrolReply = Compile(
  Type.Object({
    token: Type.String({ minLength: 8, maxLength: 4096, pattern: '^[!-~]+$' }),
    deviceId: Type.String({ minLength: 1, maxLength: 64 }),
    siteId: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 80 }),
  }),
);

export type ProvisionOutcome = 'enrolled' | 'already-enrolled' | 'not-asked' | 'failed';

export type ProvisionOptions = {
  readonly env: NodeJS.ProcessEnv;
  readonly config: ConfigStore;
  readonly fetch: typeof fetch;
  readonly log: Log;
};

export async function provisionStation({ env, config, fetch: fetchFn, log }: ProvisionOptions): Promise<ProvisionOutcome> {
  const server = env[ENROL_SERVER_ENV];
  const code = env[ENROL_CODE_ENV];
  // The code is a secret until used: it goes no further than this process.
  delete env[ENROL_CODE_ENV];
  if (server === undefined || server === '' || code === undefined || code === '') return 'not-asked';
  let origin: string;
  try {
    const url = new URL(server);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    origin = url.origin;
  } catch {
    log.error({ server }, `${ENROL_SERVER_ENV} is not an http(s) address; the station was not enrolled`);
    return 'failed';
  }
  const current = config.view();
  if (current !== null && current.hasToken && new URL(current.serverUrl).origin === origin) {
    log.info({ serverOrigin: origin }, 'The station is enrolled with this server already; the enrolment code was not used');
    return 'already-enrolled';
  }
  try {
    const res = await fetchFn(`${origin}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      log.error({ serverOrigin: origin, status: res.status }, `The server refused the enrolment code: ${apiErrorMessage(body) ?? res.statusText}`);
      return 'failed';
    }
    if (!EnrolReply.Check(body)) {
      log.error({ serverOrigin: origin }, 'The server answered the enrolment with something this app does not understand');
      return 'failed';
    }
    await config.set({ serverUrl: `${origin}/`, siteId: body.siteId, stationName: body.name, deviceId: body.deviceId, token: body.token });
    log.info({ serverOrigin: origin, deviceId: body.deviceId, siteId: body.siteId }, 'Station enrolled from the start-up environment');
    return 'enrolled';
  } catch (error) {
    log.error({ err: error, serverOrigin: origin }, 'Could not enrol the station with the server');
    return 'failed';
  }
}
