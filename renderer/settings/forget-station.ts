import type { RxDatabase } from 'rxdb';
import { removeKeysStartingWith, type ListedStorage } from '../app/station-storage.ts';
import { lastSyncKey } from '../app/sync-context.tsx';
import { STATION_DIRECTORY_PREFIX } from '../orders/stations.ts';
import { PIN_ATTEMPTS_PREFIX } from '../signin/lockout.ts';
import { firstSyncKeyPrefix, type SyncClient } from '../sync/replication.ts';

/**
 * What forgetting would cost, as the dialog says it: work that would be lost (changes waiting
 * to upload, orders scanned but not shipped), nothing, or unknown: before sync has started no
 * one counts the changes waiting, so it must not claim that nothing is lost.
 */
export function forgetRisk(at: { syncStarted: boolean; pendingUploads: number; scanned: number }): 'losing' | 'unknown' | 'safe' {
  if (at.pendingUploads > 0 || at.scanned > 0) return 'losing';
  return at.syncStarted ? 'safe' : 'unknown';
}

export type ForgetTarget = {
  /** The station's local store (any of its collections open). */
  db: Pick<RxDatabase, 'name' | 'remove'>;
  /** Null before sync has started. */
  sync: SyncClient | null;
  deviceId: string;
  /** Where the station keeps its small records beside the store (localStorage in the app). */
  storage: ListedStorage;
};

/**
 * Deletes what this computer holds of a station: stops its sync, then removes its local store
 * (every collection and the replication's own records) and the first-sync progress, last sync
 * time, wrong-PIN records and station names kept beside it, so no customer's data outlives the
 * station on this computer.
 * Changes not uploaded yet are lost with it: the caller asks first (StationCard). The tracking
 * number sequence stays: it is keyed by the server's station number, never given out again.
 */
export async function forgetLocalData({ db, sync, deviceId, storage }: ForgetTarget): Promise<void> {
  await sync?.close();
  const name = db.name;
  await db.remove();
  await deleteDexieDatabases(name);
  removeKeysStartingWith(storage, firstSyncKeyPrefix(name));
  // Wrong-PIN records and station names are this site's; the station that kept them is gone.
  removeKeysStartingWith(storage, PIN_ATTEMPTS_PREFIX);
  removeKeysStartingWith(storage, STATION_DIRECTORY_PREFIX);
  storage.removeItem(lastSyncKey(deviceId));
}

/**
 * RxDB's Dexie storage keeps each collection (and each of its schema versions, and each
 * replication's records) in an IndexedDB database of its own, named `rxdb-dexie-<db>--…`; its
 * remove() empties their documents but leaves the databases. They go too. A database another
 * tab still holds is deleted as soon as that tab lets go (Dexie closes on the request).
 */
async function deleteDexieDatabases(databaseName: string): Promise<void> {
  // Where databases cannot be listed (an older browser), the emptied ones stay.
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const prefix = `rxdb-dexie-${databaseName}--`;
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(n);
          request.addEventListener('success', () => resolve());
          request.addEventListener('blocked', () => resolve());
          request.addEventListener('error', () => reject(request.error ?? new Error(`could not delete ${n}`)));
        }),
    ),
  );
}
