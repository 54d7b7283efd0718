import { exchangeForToken } from '../shared/enrol/exchange.ts';
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
  const result = await exchangeForToken(fetchFn, { serverUrl: origin, via: { kind: 'code', code } });
  if (result.granted === null) {
    const { answer } = result;
    if (answer.outcome === 'refused') log.error({ serverOrigin: origin, status: answer.status }, `The server refused the enrolment code: ${answer.message}`);
    else if (answer.outcome === 'bad-answer') log.error({ serverOrigin: origin }, 'The server answered the enrolment with something this app does not understand');
    else log.error({ serverOrigin: origin }, `Could not enrol the station with the server: ${answer.message}`);
    return 'failed';
  }
  try {
    await config.set({ ...result.granted.config, serverUrl: `${origin}/` });
  } catch (error) {
    log.error({ err: error, serverOrigin: origin }, 'Could not keep the station token');
    return 'failed';
  }
  const { answer } = result.granted;
  log.info({ serverOrigin: origin, deviceId: answer.outcome === 'station' ? answer.deviceId : undefined, siteId: answer.siteId }, 'Station enrolled from the start-up environment');
  return 'enrolled';
}
