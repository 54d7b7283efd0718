import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { INITIAL_STATUS, type CollectionStatus, type SyncStatus } from '../sync/status.ts';
import type { SyncClient } from '../sync/replication.ts';
import { useSessionStore } from '../session/store.ts';

const SyncContext = createContext<SyncClient | null>(null);

export function SyncProvider({ client, children }: { client: SyncClient | null; children: ReactNode }): ReactNode {
  return <SyncContext.Provider value={client}>{children}</SyncContext.Provider>;
}

/** The replication client, or null before a station is enrolled. */
export function useSyncClient(): SyncClient | null {
  return useContext(SyncContext);
}

/** Where the last sync time of a device's store is kept. */
export function lastSyncKey(deviceId: string): string {
  return `packline.lastSync.${deviceId}`;
}

function currentLastSyncKey(): string {
  return lastSyncKey(useSessionStore.getState().station?.deviceId ?? '');
}

/** The last sync time survives a reload, so a station reopened offline still says when it last synced. */
function rememberedLastSync(status: SyncStatus): SyncStatus {
  if (status.lastSyncAt !== null) {
    localStorage.setItem(currentLastSyncKey(), String(status.lastSyncAt));
    return status;
  }
  const stored = Number(localStorage.getItem(currentLastSyncKey()) ?? Number.NaN);
  return Number.isFinite(stored) ? { ...status, lastSyncAt: stored } : status;
}

/** The live sync status for the status bar and the /sync page. */
export function useSyncStatus(): SyncStatus {
  const client = useSyncClient();
  const [status, setStatus] = useState<SyncStatus>(() => rememberedLastSync(client?.status ?? INITIAL_STATUS));
  useEffect(() => {
    if (!client) return undefined;
    const sub = client.status$.subscribe((s) => setStatus(rememberedLastSync(s)));
    return () => sub.unsubscribe();
  }, [client]);
  return status;
}

const NO_COLLECTIONS: ReadonlyMap<string, CollectionStatus> = new Map();

/** Each collection's live sync status, for the /sync page (empty before a station is enrolled). */
export function useCollectionStatuses(): ReadonlyMap<string, CollectionStatus> {
  const client = useSyncClient();
  const [statuses, setStatuses] = useState<ReadonlyMap<string, CollectionStatus>>(() => client?.collections ?? NO_COLLECTIONS);
  useEffect(() => {
    if (!client) return undefined;
    const sub = client.collections$.subscribe(setStatuses);
    return () => sub.unsubscribe();
  }, [client]);
  return statuses;
}
