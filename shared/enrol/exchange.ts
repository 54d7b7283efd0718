import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { EnrolAnswer, EnrolArgs, StationConfigInput } from '../bridge/contract.ts';
import { MAX_STATION_NO } from '../barcodes/tracking.ts';
import { StaffRole } from '../schema/common.ts';
import { apiErrorMessage } from '../sync/protocol.ts';

/**
 * Trading an enrolment code (or a demo session) for a token: the one HTTP exchange both hosts
 * make, the desktop app in its main process (the page's Content-Security-Policy lets it talk to
 * its configured server only, and on first run there is none) and a browser in the page.
 */

const Token = Type.String({ minLength: 8, maxLength: 4096, pattern: '^[!-~]+$' });
const Key = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 80 });
const SiteCode = Type.String({ maxLength: 16 });
/** Older servers send no number, or one this app cannot use: either way the station asks later. */
const StationNo = Type.Optional(Type.Unknown());

/** `POST /enrol`; servers before site codes and station numbers send neither. */
const EnrolReply = Compile(Type.Object({ token: Token, deviceId: Key, siteId: Key, name: Name, siteCode: Type.Optional(SiteCode), stationNo: StationNo }));
/** `POST /demo/session`: a demo station, or the all-sites demo manager (a person's token). */
const DemoReply = Compile(
  Type.Union([
    Type.Object({ kind: Type.Literal('station'), token: Token, deviceId: Key, siteId: Key, siteCode: SiteCode, name: Name, stationNo: StationNo }),
    Type.Object({ kind: Type.Literal('person'), token: Token, personId: Key, siteId: Key, siteCode: SiteCode, name: Type.String({ minLength: 1, maxLength: 200 }), role: StaffRole }),
  ]),
);

type Granted = Extract<EnrolAnswer, { outcome: 'station' | 'person' }>;

/** The server granted a token: what the page is told, and what the host stores (with the token). */
export type Grant = { readonly answer: Granted; readonly config: StationConfigInput & { token: string } };

export type Exchange = { readonly granted: Grant } | { readonly granted: null; readonly answer: Exclude<EnrolAnswer, Granted> };

const TIMEOUT_MS = 10_000;
/** A token reply is well under 10 KB: more is not a Packline server, and is not read. */
const MAX_REPLY_BYTES = 64 * 1024;

/** The reply's JSON, or null when it is not JSON or longer than MAX_REPLY_BYTES. */
async function replyJson(res: Response): Promise<unknown> {
  const reader = res.body?.getReader();
  if (reader === undefined) return null;
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  try {
    return JSON.parse(text + decoder.decode());
  } catch {
    return null;
  }
}

/** The station number in a server's answer, when it is one (an older server sends none). */
export function stationNoIn(v: unknown): { stationNo?: number } {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_STATION_NO ? { stationNo: v } : {};
}

function granted(origin: string, via: EnrolArgs['via'], body: unknown): Grant | null {
  if (via.kind === 'code') {
    if (!EnrolReply.Check(body)) return null;
    const { token, deviceId, siteId, name } = body;
    return {
      answer: { outcome: 'station', deviceId, siteId, name, ...(body.siteCode === undefined ? {} : { siteCode: body.siteCode }), ...stationNoIn(body.stationNo) },
      config: { serverUrl: origin, siteId, stationName: name, deviceId, token },
    };
  }
  if (!DemoReply.Check(body)) return null;
  if (body.kind === 'station') {
    const { token, deviceId, siteId, siteCode, name } = body;
    return { answer: { outcome: 'station', deviceId, siteId, siteCode, name, ...stationNoIn(body.stationNo) }, config: { serverUrl: origin, siteId, stationName: name, deviceId, token } };
  }
  const { token, personId, siteId, siteCode, name, role } = body;
  // A person's token is not a station: no device id, so the host does not take it up as one.
  return { answer: { outcome: 'person', personId, siteId, siteCode, name, role }, config: { serverUrl: origin, siteId, stationName: name.slice(0, 80), token } };
}

/**
 * Asks the server at `args.serverUrl` for a token. Never throws: a refusal (with the HTTP status
 * and the server's words), a server that cannot be reached in 10 s, or an answer this app does
 * not understand is returned as such.
 */
export async function exchangeForToken(fetchFn: typeof fetch, args: EnrolArgs, timeoutMs = TIMEOUT_MS): Promise<Exchange> {
  const origin = new URL(args.serverUrl).origin;
  const { via } = args;
  const path = via.kind === 'code' ? '/api/v1/enrol' : '/api/v1/demo/session';
  const body = via.kind === 'code' ? { code: via.code } : via.siteCode === undefined ? { as: via.as } : { as: via.as, siteCode: via.siteCode };
  let res: Response;
  try {
    res = await fetchFn(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      // A Packline server answers here itself: a redirect would carry the code to another origin.
      redirect: 'error',
    });
  } catch (error) {
    // Only the kind of failure: the network's own words would tell a page what lies where.
    const kind = error instanceof Error && error.name === 'TimeoutError' ? `did not answer within ${timeoutMs / 1000} s` : 'cannot be reached';
    return { granted: null, answer: { outcome: 'unreachable', message: `The server at ${origin} ${kind}.` } };
  }
  const json = await replyJson(res).catch(() => null);
  if (!res.ok) return { granted: null, answer: { outcome: 'refused', status: res.status, message: (apiErrorMessage(json) ?? res.statusText).slice(0, 500) } };
  const grant = granted(origin, via, json);
  if (grant === null) return { granted: null, answer: { outcome: 'bad-answer', status: res.status, message: `The server at ${origin} gave an answer this app does not understand.` } };
  return { granted: grant };
}

