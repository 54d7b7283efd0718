import { MAX_STATION_NO } from '../../shared/barcodes/tracking.ts';
import { apiErrorMessage } from '../../shared/sync/protocol.ts';
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
  | 'host';

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

/** What an error status from `path` means to the person enrolling. */
function reasonOf(path: string, status: number): EnrolReason {
  if (status === 429) return 'too-many';
  if (path === '/enrol') {
    const byStatus: Partial<Record<number, EnrolReason>> = { 400: 'bad-code', 401: 'unknown-code', 403: 'revoked', 409: 'used-code', 410: 'expired-code' };
    return byStatus[status] ?? 'server';
  }
  return status === 404 ? 'no-demo' : 'server';
}

type EnrolReply = { token: string; deviceId: string; siteId: string; name: string; siteCode?: string; stationNo?: unknown };
type DemoReply =
  | { kind: 'station'; token: string; deviceId: string; siteId: string; siteCode: string; name: string; stationNo?: unknown }
  | { kind: 'person'; token: string; personId: string; siteId: string; siteCode: string; name: string; role: SignedInStaff['role'] };

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

async function post<T>(serverUrl: string, path: string, body: unknown, isReply: (v: unknown) => v is T): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${serverUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new EnrolError(`The server at ${serverUrl} cannot be reached.`, null, 'unreachable');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const said = apiErrorMessage(json) ?? res.statusText;
    throw new EnrolError(said, res.status, reasonOf(path, res.status), said);
  }
  if (!isReply(json)) throw new EnrolError(`The server at ${serverUrl} gave an answer this app does not understand.`, res.status, 'bad-answer');
  return json;
}

function hasStrings<K extends string>(v: unknown, keys: readonly K[]): v is Record<K, string> {
  if (typeof v !== 'object' || v === null) return false;
  const entries = new Map<string, unknown>(Object.entries(v));
  return keys.every((k) => typeof entries.get(k) === 'string');
}

const isEnrolReply = (v: unknown): v is EnrolReply => hasStrings(v, ['token', 'deviceId', 'siteId', 'name']);
const isDemoReply = (v: unknown): v is DemoReply =>
  hasStrings(v, ['kind', 'token', 'siteId', 'siteCode', 'name']) && (v.kind === 'station' ? hasStrings(v, ['deviceId']) : hasStrings(v, ['personId', 'role']));

async function remember(station: Station, token: string): Promise<Station> {
  const config = { serverUrl: station.serverUrl, siteId: station.siteId, stationName: station.stationName, token };
  // A device id only for a station's token: a person's token (the demo manager) is not a station to take up.
  const saved = await getHost().setConfig(station.principal === 'person' ? config : { ...config, deviceId: station.deviceId });
  if (!saved.ok) throw new EnrolError(saved.error.message, null, 'host');
  return station;
}

/** The station number in a server's answer, when it is one (an older server sends none). */
function stationNoIn(v: unknown): { stationNo?: number } {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_STATION_NO ? { stationNo: v } : {};
}

/** Enrols this station with a one-time code a manager created (POST /api/v1/enrol). */
export async function enrolStation(serverUrlRaw: string, code: string): Promise<Station> {
  const serverUrl = normaliseServerUrl(serverUrlRaw);
  const r = await post(serverUrl, '/enrol', { code }, isEnrolReply);
  // The site code arrives with the first sync of the sites collection (see useSiteCode).
  return remember({ deviceId: r.deviceId, siteId: r.siteId, siteCode: r.siteCode ?? '', stationName: r.name, serverUrl, principal: 'device', ...stationNoIn(r.stationNo) }, r.token);
}

/**
 * The demo server hands out a station of a demo site, or an all-sites manager who needs no
 * PIN (the token is the person). Only a server started with --demo answers.
 */
export async function startDemo(serverUrlRaw: string, as: 'station' | 'manager', siteCode?: string): Promise<{ station: Station; staff: SignedInStaff | null }> {
  const serverUrl = normaliseServerUrl(serverUrlRaw);
  const r = await post(serverUrl, '/demo/session', siteCode === undefined ? { as } : { as, siteCode }, isDemoReply);
  if (r.kind === 'station') {
    const station = await remember({ deviceId: r.deviceId, siteId: r.siteId, siteCode: r.siteCode, stationName: r.name, serverUrl, principal: 'device', ...stationNoIn(r.stationNo) }, r.token);
    return { station, staff: null };
  }
  const station = await remember({ deviceId: r.personId, siteId: r.siteId, siteCode: r.siteCode, stationName: r.name, serverUrl, principal: 'person' }, r.token);
  return { station, staff: { id: r.personId, name: r.name, role: r.role } };
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
