import type { EnrolAnswer, EnrolVia } from '../../shared/bridge/contract.ts';
import { stationNoIn } from '../../shared/enrol/exchange.ts';
import { getHost } from '../host/host.ts';
import type { Station, SignedInStaff } from '../session/store.ts';

/**
 * Why enrolling (or starting the demo) failed, for the screens to say in the station's
 * language (enrolErrorText): the address, the network, the server's answer, the code (not
 * one, unknown, used, expired), a revoked station, too many tries, or this computer.
 */
export type EnrolReason =
  | 'bad-url'
  | 'unreachable'
  | 'bad-answer'
  | 'bad-code'
  | 'unknown-code'
  | 'used-code'
  | 'expired-code'
  | 'revoked'
  | 'too-many'
  | 'no-demo'
  | 'server'
  | 'host'
  | 'host-keyring';

/** A failed call: the reason, and in `message` the technical English (with the server's own words). */
export class EnrolError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly reason: EnrolReason = 'server',
    /** The server's or the host's own words, shown where no sentence of ours says more. */
    readonly detail: string = message,
  ) {
    super(message);
    this.name = 'EnrolError';
  }
}

/** What an error status means to the person enrolling, by how they enrolled. */
function reasonOf(via: EnrolVia['kind'], status: number): EnrolReason {
  if (status === 429) return 'too-many';
  if (via === 'code') {
    const byStatus: Partial<Record<number, EnrolReason>> = { 400: 'bad-code', 401: 'unknown-code', 403: 'revoked', 409: 'used-code', 410: 'expired-code' };
    return byStatus[status] ?? 'server';
  }
  return status === 404 ? 'no-demo' : 'server';
}

export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new EnrolError(`Not a server address: ${raw}`, null, 'bad-url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EnrolError('The server address must start with http:// or https://', null, 'bad-url');
  return url.origin;
}

type Granted = Extract<EnrolAnswer, { outcome: 'station' | 'person' }>;

/**
 * Asks the host to enrol with the server (it keeps the token) and says who this page now is;
 * throws an EnrolError with the reason when the server, the network or the host said no.
 */
async function enrolThroughHost(serverUrl: string, via: EnrolVia): Promise<Granted> {
  const r = await getHost().enrol({ serverUrl, via });
  if (!r.ok) {
    // The host's own sentence is English and technical: it goes to the log; the screen says what to do.
    getHost().log({ level: 'error', message: `enrol with ${serverUrl}: the host failed: ${r.error.message}`, context: { code: r.error.code } });
    throw new EnrolError(r.error.message, null, r.error.code === 'encryption-unavailable' ? 'host-keyring' : 'host');
  }
  const answer = r.value;
  switch (answer.outcome) {
    case 'refused':
      throw new EnrolError(answer.message, answer.status, reasonOf(via.kind, answer.status), answer.message);
    case 'unreachable':
      throw new EnrolError(`The server at ${serverUrl} cannot be reached.`, null, 'unreachable', answer.message);
    case 'bad-answer':
      throw new EnrolError(`The server at ${serverUrl} gave an answer this app does not understand.`, answer.status, 'bad-answer');
    default:
      return answer;
  }
}

/** The station an answer names, as the session keeps it. */
function stationOf(serverUrl: string, a: Granted): Station {
  if (a.outcome === 'person') return { deviceId: a.personId, siteId: a.siteId, siteCode: a.siteCode, stationName: a.name, serverUrl, principal: 'person' };
  // Without a site code (an older server), it arrives with the first sync of the sites (see useSiteCode).
  return { deviceId: a.deviceId, siteId: a.siteId, siteCode: a.siteCode ?? '', stationName: a.name, serverUrl, principal: 'device', ...(a.stationNo === undefined ? {} : { stationNo: a.stationNo }) };
}

/** Enrols this station with a one-time code a manager created (POST /api/v1/enrol). */
export async function enrolStation(serverUrlRaw: string, code: string): Promise<Station> {
  const serverUrl = normaliseServerUrl(serverUrlRaw);
  const answer = await enrolThroughHost(serverUrl, { kind: 'code', code });
  if (answer.outcome !== 'station') throw new EnrolError(`The server at ${serverUrl} gave an answer this app does not understand.`, null, 'bad-answer');
  return stationOf(serverUrl, answer);
}

/**
 * The demo server hands out a station of a demo site, or an all-sites manager who needs no
 * PIN (the token is the person). Only a server started with --demo answers.
 */
export async function startDemo(serverUrlRaw: string, as: 'station' | 'manager', siteCode?: string): Promise<{ station: Station; staff: SignedInStaff | null }> {
  const serverUrl = normaliseServerUrl(serverUrlRaw);
  const answer = await enrolThroughHost(serverUrl, siteCode === undefined ? { kind: 'demo', as } : { kind: 'demo', as, siteCode });
  const station = stationOf(serverUrl, answer);
  return { station, staff: answer.outcome === 'person' ? { id: answer.personId, name: answer.name, role: answer.role } : null };
}

/**
 * The station the host already holds a token for, e.g. enrolled by the desktop app's main
 * process when `npm start` handed it an enrolment code: the page takes it up instead of
 * showing first run. Null when the host has none (or one from before device ids were kept).
 */
export async function enrolledHostStation(): Promise<Station | null> {
  const config = await getHost().getConfig();
  if (!config.ok || config.value === null) return null;
  const { serverUrl: stored, siteId, stationName, hasToken, deviceId } = config.value;
  if (!hasToken || deviceId === undefined) return null;
  const serverUrl = new URL(stored).origin;
  // The site code arrives with the first sync of the sites collection (see useSiteCode).
  return { deviceId, siteId, siteCode: '', stationName, serverUrl, principal: 'device', ...(await stationNoOf(serverUrl)) };
}

/**
 * This station's number, asked of the server (`GET /me`): the desktop app adds the token to
 * requests for its server, a browser page sends its own. None when the server cannot say.
 */
export async function stationNoOf(serverUrl: string): Promise<{ stationNo?: number }> {
  const token = getHost().pageToken();
  try {
    const res = await fetch(`${serverUrl}/api/v1/me`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
    const me: unknown = res.ok ? await res.json() : null;
    return typeof me === 'object' && me !== null && 'stationNo' in me ? stationNoIn(me.stationNo) : {};
  } catch {
    return {};
  }
}

/**
 * A station enrolled before the server numbered its stations has no number of its own and
 * makes tracking numbers under a hashed one, which another station can share: ask the server
 * (once it answers) and keep the number. Returns whether the station now has one.
 */
export async function learnStationNo(station: Station | null, ask: (serverUrl: string) => Promise<{ stationNo?: number }>, keep: (stationNo: number) => void): Promise<boolean> {
  if (station === null || station.principal !== 'device') return false;
  if (station.stationNo !== undefined) return true;
  const { stationNo } = await ask(station.serverUrl);
  if (stationNo === undefined) return false;
  keep(stationNo);
  return true;
}

/** The server this page came from, when a browser loaded it from the Packline server. */
export function defaultServerUrl(): string {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : '';
}
