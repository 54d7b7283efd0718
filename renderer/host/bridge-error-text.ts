import type { TFunction } from 'i18next';
import { BRIDGE_ERROR_CODES, type BridgeErrorCode } from '../../shared/bridge/result.ts';

function isBridgeErrorCode(code: string): code is BridgeErrorCode {
  return (BRIDGE_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * What went wrong in the desktop host, in the station's language (common namespace,
 * `bridgeErrors.<code>`). The host's own message is English and technical: callers keep it
 * for the tooltip and the station log. A code this version does not know (a newer host) is
 * said as `internal`.
 */
export function bridgeErrorText(t: TFunction<'common'>, code: string): string {
  return t(`bridgeErrors.${isBridgeErrorCode(code) ? code : 'internal'}`);
}
