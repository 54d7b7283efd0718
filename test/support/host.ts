import { fail, succeed } from '../../shared/bridge/result.ts';
import type { Host } from '../../renderer/host/host.ts';

/** A desktop host for renderer unit tests: whatever a test does not give answers "not in this test". */
function missing() {
  return Promise.resolve(fail('unavailable', 'not in this test'));
}

export function desktopHost(overrides: Partial<Host> = {}): Host {
  return {
    kind: 'electron',
    getConfig: () => Promise.resolve(succeed(null)),
    setConfig: missing,
    enrol: missing,
    serverChanged: () => {},
    pageToken: () => null,
    listPrinters: () => Promise.resolve(succeed([])),
    printDocument: missing,
    sendZpl: missing,
    appVersion: missing,
    unavailable: () => null,
    log: () => {},
    ...overrides,
  };
}
