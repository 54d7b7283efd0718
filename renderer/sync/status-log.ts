import type { LogArgs } from '../../shared/bridge/contract.ts';
import type { SyncStatus } from './status.ts';

/**
 * The lines a change of the sync status is worth in the station's log: a new problem (in the
 * technical English, with what failed), its end, and new refusals. Nothing for the rest (a
 * sync completing, uploads counting down): the log is for finding out what went wrong.
 */
export function statusLogEntries(prev: SyncStatus, next: SyncStatus): LogArgs[] {
  const out: LogArgs[] = [];
  if (next.error !== prev.error) {
    const p = next.problem;
    if (p !== null) {
      out.push({ level: 'warn', message: `sync: ${p.message}`, context: { kind: p.kind, action: p.action, collection: p.collection, status: p.status } });
    } else if (prev.error !== null) {
      out.push({ level: 'info', message: 'sync: working again', context: { after: prev.error } });
    }
  }
  if (next.refusals > prev.refusals) {
    out.push({ level: 'warn', message: `sync: the server refused ${next.refusals - prev.refusals} more write(s), ${next.refusals} in all (listed on the Sync page)` });
  }
  return out;
}
