import type { EnrolAnswer, EnrolArgs } from '../shared/bridge/contract.ts';
import { exchangeForToken } from '../shared/enrol/exchange.ts';
import type { ConfigStore } from './config-store.ts';
import type { Log } from './logging.ts';

export type EnrolDeps = { readonly config: ConfigStore; readonly fetch: typeof fetch; readonly log: Log };

/**
 * The first-run screen's enrolment (a code, or the demo), done here rather than in the page:
 * the page's Content-Security-Policy lets it talk to its configured server only, and a station
 * being enrolled has none yet. The token goes into the config store (safeStorage) and never to
 * the page, which is told who it now is. A refusal or an unreachable server is an answer for
 * the page to say; only the store failing (no keyring) is an error.
 */
export async function enrolWithServer(args: EnrolArgs, { config, fetch: fetchFn, log }: EnrolDeps): Promise<EnrolAnswer> {
  // Before the code is spent: a code traded for a token this computer cannot keep is lost.
  await config.assertCanKeepToken();
  const result = await exchangeForToken(fetchFn, args);
  const serverOrigin = new URL(args.serverUrl).origin;
  if (result.granted === null) {
    const { answer } = result;
    log.warn({ serverOrigin, via: args.via.kind, outcome: answer.outcome, ...('status' in answer ? { status: answer.status } : {}) }, `Enrolment not granted: ${answer.message}`);
    return answer;
  }
  await config.set(result.granted.config);
  const { answer } = result.granted;
  log.info({ serverOrigin, via: args.via.kind, siteId: answer.siteId, ...(answer.outcome === 'station' ? { deviceId: answer.deviceId } : { personId: answer.personId }) }, 'Station enrolled from the first-run screen');
  return answer;
}
