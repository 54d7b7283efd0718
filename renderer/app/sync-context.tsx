import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { INITIAL_STATUS, type SyncStatus } from '../sync/status.ts';
import type { SyncClient } from '../sync/replication.ts';

const SyncContext = createContext<SyncClient | null>(null);

export function SyncProvider({ client, children }: { client: SyncClient | null; children: ReactNode }): ReactNode {
  return <SyncContext.Provider value={client}>{children}</SyncContext.Provider>;
}

/** The replication client, or null before a station is enrolled. */
export function useSyncClient(): SyncClient | null {
  return useContext(SyncContext);
}

/** The live sync status for the status bar and the /sync page. */
export function useSyncStatus(): SyncStatus {
  const client = useSyncClient();
  const [status, setStatus] = useState<SyncStatus>(client?.status ?? INITIAL_STATUS);
  useEffect(() => {
    if (!client) return undefined;
    const sub = client.status$.subscribe(setStatus);
    return () => sub.unsubscribe();
  }, [client]);
  return status;
}
