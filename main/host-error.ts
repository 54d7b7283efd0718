import type { BridgeErrorCode } from '../shared/bridge/result.ts';

/**
 * An expected failure whose message is written for the person at the station. ipc.ts passes
 * these through to the page as they are; any other error becomes `internal` and goes to the log.
 */
export class HostError extends Error {
  readonly code: BridgeErrorCode;

  constructor(code: BridgeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostError';
    this.code = code;
  }
}
