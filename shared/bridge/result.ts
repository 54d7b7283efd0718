/**
 * What every bridge call resolves to. The host never throws across the bridge: a failure arrives
 * as a code the UI can branch on and a sentence a packer can read, never a stack trace.
 */
export const BRIDGE_ERROR_CODES = [
  /** The arguments failed the channel's schema. */
  'invalid-args',
  /** The message did not come from the app's own window. */
  'forbidden-sender',
  /** The bridge is missing or the host did not answer (e.g. running in a plain browser). */
  'unavailable',
  /** The OS offers no secure store for the station token. */
  'encryption-unavailable',
  'printer-not-found',
  'print-failed',
  'printer-unreachable',
  'printer-timeout',
  /** An external URL outside the allow-list. */
  'not-allowed',
  /** Anything unexpected; the details are in the station log. */
  'internal',
] as const;

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export type BridgeFailure = { readonly ok: false; readonly error: { readonly code: BridgeErrorCode; readonly message: string } };
export type BridgeSuccess<T> = { readonly ok: true; readonly value: T };
export type BridgeResult<T> = BridgeSuccess<T> | BridgeFailure;

export function succeed<T>(value: T): BridgeSuccess<T> {
  return { ok: true, value };
}

export function fail(code: BridgeErrorCode, message: string): BridgeFailure {
  return { ok: false, error: { code, message } };
}
