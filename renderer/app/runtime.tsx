import { Center, Loader, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { useTranslation } from 'react-i18next';
import { collectionNames, type CollectionName } from '../../shared/schema/collections.ts';
import { readScope, type Principal } from '../../shared/sync/scope.ts';
import { createPacklineDatabase, type PacklineDatabase } from '../db/database.ts';
import { getHost } from '../host/host.ts';
import type { FetchFn } from '../sync/http.ts';
import { startReplication, type SyncClient } from '../sync/replication.ts';
import { statusLogEntries } from '../sync/status-log.ts';
import { useSessionStore, type Station } from '../session/store.ts';
import { DbProvider } from './db-context.tsx';
import { preloadScreens } from './lazy-screens.tsx';
import { withoutPageAuth } from './host-fetch.ts';
import { SyncProvider } from './sync-context.tsx';
import { whenSyncMayStart } from './sync-gate.ts';

/**
 * In Electron the main process adds the real Authorization header for the server's origin;
 * the client needs some token string, and withoutPageAuth drops the header it makes of it.
 */
const HOST_MANAGED_TOKEN = 'host-managed';

/** What this principal may read: a station gets no office data (customers), so it never asks for it. */
export function replicatedFor(station: Station): CollectionName[] {
  const principal: Principal =
    station.principal === 'person'
      ? { kind: 'person', id: station.deviceId, role: 'manager', siteId: null, name: station.stationName }
      : { kind: 'device', id: station.deviceId, siteId: station.siteId, name: station.stationName };
  return collectionNames.filter((n) => !('none' in readScope(principal, n)));
}

/** The page's fetch, called unbound-safe (the replication client calls it as a plain function). */
const plainFetch: FetchFn = (input, init) => globalThis.fetch(input, init);

/**
 * The longest the sync start waits for the first screen to show its data (sync-gate.ts). Long
 * enough for a store just filled with 100,000 orders, whose first reads are slow (IndexedDB
 * after a bulk load): starting sync there too made them slower still.
 */
const SYNC_START_MAX_WAIT_MS = 10_000;

type Opened = { db: PacklineDatabase; sync: SyncClient | null };

function openStore(station: Station): Promise<PacklineDatabase> {
  // One store per enrolled device: re-enrolling as another site never mixes two sites' data.
  return createPacklineDatabase({
    name: `packline-${station.deviceId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`,
    storage: getRxStorageDexie(),
    multiInstance: getHost().kind === 'browser',
  });
}

function startSync(db: PacklineDatabase, station: Station): SyncClient {
  const pageToken = getHost().pageToken();
  return startReplication({
    db,
    serverUrl: station.serverUrl,
    token: pageToken ?? HOST_MANAGED_TOKEN,
    collections: replicatedFor(station),
    fetch: pageToken === null ? withoutPageAuth(plainFetch) : plainFetch,
  });
}

/**
 * Opens the station's local store, shows the screens over it, and starts syncing it (and
 * loading the other screens' code) once the first screen has drawn its data (sync-gate.ts).
 */
export function StationRuntime({ station, children }: { station: Station; children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { deviceId, serverUrl } = station;

  const syncRef = useRef<SyncClient | null>(null);

  useEffect(() => {
    let cancelled = false;
    let db: PacklineDatabase | null = null;
    openStore({ ...station, deviceId, serverUrl }).then(
      (d) => {
        if (cancelled) void d.close();
        else {
          db = d;
          setOpened({ db: d, sync: null });
        }
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        getHost().log({ level: 'error', message: `the local store could not be opened: ${message}` });
        setError(message);
      },
    );
    return () => {
      cancelled = true;
      setOpened(null);
      const sync = syncRef.current;
      syncRef.current = null;
      if (db) void close(db, sync);
    };
    // Reopen only when the device or server changes, not on a rename of the station.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [deviceId, serverUrl]);

  // Runs after the screens below have mounted (a child's effects run first), so a screen that
  // draws from the store has already held the start.
  const db = opened?.db ?? null;
  useEffect(() => {
    if (db === null) return undefined;
    return whenSyncMayStart(() => {
      preloadScreens();
      const sync = startSync(db, { ...station, deviceId, serverUrl });
      syncRef.current = sync;
      setOpened({ db, sync });
    }, SYNC_START_MAX_WAIT_MS);
    // Started once per opened store, like the store itself.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [db]);

  useConnectivityKicks(opened?.sync ?? null);
  useSyncLog(opened?.sync ?? null);
  useStationNumber(station, (opened?.sync ?? null) !== null);

  if (error !== null) return <Center h="100vh"><Text c="red" size="xl">{t('runtime.failed', { error })}</Text></Center>;
  if (opened === null) return <Center h="100vh"><Loader size="xl" aria-label={t('runtime.opening')} /></Center>;
  return (
    <DbProvider db={opened.db}>
      <SyncProvider client={opened.sync}>{children}</SyncProvider>
    </DbProvider>
  );
}

/**
 * A station enrolled before the server numbered stations learns its number (learnStationNo)
 * once sync has started, so the ask never delays the first screen, and again when the
 * network comes back if the server could not be asked.
 */
function useStationNumber(station: Station, syncing: boolean): void {
  useEffect(() => {
    if (!syncing || station.principal !== 'device' || station.stationNo !== undefined) return undefined;
    let known = false;
    const ask = (): void => {
      if (known) return;
      void import('../enrol/api.ts')
        .then(({ learnStationNo, stationNoOf }) => learnStationNo(station, stationNoOf, (n) => useSessionStore.getState().setStationNo(n)))
        .then((ok) => {
          known = ok;
        })
        .catch(() => {});
    };
    ask();
    window.addEventListener('online', ask);
    return () => window.removeEventListener('online', ask);
  }, [station, syncing]);
}

/**
 * An open event stream can outlive the network without noticing until its idle timeout; when
 * the host says the network went or came back, pull at once, so the sync bar tells the truth
 * within a request's time and uploads resume as soon as the network is back.
 */
function useConnectivityKicks(sync: SyncClient | null): void {
  useEffect(() => {
    if (sync === null) return undefined;
    const kick = (): void => sync.reSync();
    window.addEventListener('offline', kick);
    window.addEventListener('online', kick);
    return () => {
      window.removeEventListener('offline', kick);
      window.removeEventListener('online', kick);
    };
  }, [sync]);
}

/** Sync problems, their end and new refusals go to the station's log (the desktop app's log file). */
function useSyncLog(sync: SyncClient | null): void {
  useEffect(() => {
    if (sync === null) return undefined;
    let prev = sync.status;
    const sub = sync.status$.subscribe((next) => {
      for (const entry of statusLogEntries(prev, next)) getHost().log(entry);
      prev = next;
    });
    return () => sub.unsubscribe();
  }, [sync]);
}

async function close(db: PacklineDatabase, sync: SyncClient | null): Promise<void> {
  await sync?.close();
  await db.close();
}
