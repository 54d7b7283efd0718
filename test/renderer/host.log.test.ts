import { describe, expect, it, vi } from 'vitest';
import type { BridgeApi, LogArgs } from '../../shared/bridge/contract.ts';
import { fail, succeed } from '../../shared/bridge/result.ts';
import { electronHost } from '../../renderer/host/host.ts';
import { failure } from '../../renderer/sync/problem.ts';
import { INITIAL_STATUS, StatusBoard, type SyncStatus } from '../../renderer/sync/status.ts';
import { statusLogEntries } from '../../renderer/sync/status-log.ts';

const unused = () => Promise.resolve(fail('unavailable', 'not in this test'));

/** A desktop bridge whose log channel records what it is sent, or fails. */
function bridge(logWrite: (args: LogArgs) => ReturnType<BridgeApi['log:write']>): BridgeApi {
  return {
    'config:get': unused,
    'config:set': unused,
    'station:enrol': unused,
    'printers:list': unused,
    'print:document': unused,
    'print:zpl': unused,
    'app:version': unused,
    'log:write': logWrite,
    'external:open': unused,
  };
}

describe("the desktop host's log", () => {
  it('sends a line through the bridge, cut to the bridge’s limit, and never an empty one', () => {
    const sent: LogArgs[] = [];
    const host = electronHost(bridge((args) => (sent.push(args), Promise.resolve(succeed(null)))));
    host.log({ level: 'warn', message: 'x'.repeat(5000), context: { a: 1 } });
    host.log({ level: 'info', message: '' });
    expect(sent.map((s) => [s.level, s.message.length, s.context])).toEqual([
      ['warn', 4000, { a: 1 }],
      ['info', '(empty)'.length, undefined],
    ]);
  });

  it('never throws, also when the bridge fails', async () => {
    const host = electronHost(bridge(() => Promise.reject(new Error('host gone'))));
    expect(() => host.log({ level: 'error', message: 'boom' })).not.toThrow();
    // The rejection is handled: nothing reaches the page as an unhandled one.
    const unhandled = vi.fn<(reason: unknown) => void>();
    process.on('unhandledRejection', unhandled);
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('what the sync status is worth in the log', () => {
  const board = new StatusBoard();
  board.setRunning(true, ['orders']);
  const ok: SyncStatus = board.value;
  board.failed('pull orders', failure('unreachable', 'pull orders: cannot reach the server (ENETUNREACH)', { detail: 'ENETUNREACH' }));
  const down: SyncStatus = board.value;

  it('logs a new problem with what failed, and its end', () => {
    expect(statusLogEntries(ok, down)).toEqual([
      { level: 'warn', message: 'sync: pull orders: cannot reach the server (ENETUNREACH)', context: { kind: 'unreachable', action: 'pull', collection: 'orders', status: null } },
    ]);
    expect(statusLogEntries(down, ok)).toEqual([{ level: 'info', message: 'sync: working again', context: { after: 'pull orders: cannot reach the server (ENETUNREACH)' } }]);
  });

  it('logs nothing while the same problem lasts, nor for syncs and uploads going on', () => {
    expect(statusLogEntries(down, { ...down, pendingUploads: 3 })).toEqual([]);
    expect(statusLogEntries(ok, { ...ok, lastSyncAt: 5, pendingUploads: 2 })).toEqual([]);
    expect(statusLogEntries(INITIAL_STATUS, ok)).toEqual([]);
  });

  it('logs new refusals, not fewer', () => {
    expect(statusLogEntries(ok, { ...ok, refusals: 4 })).toEqual([
      { level: 'warn', message: 'sync: the server refused 4 more write(s), 4 in all (listed on the Sync page)' },
    ]);
    expect(statusLogEntries({ ...ok, refusals: 4 }, ok)).toEqual([]);
  });
});
