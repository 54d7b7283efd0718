import { useEffect, useState } from 'react';
import { stationStorage, type SyncStorage } from '../app/station-storage.ts';
import { getHost } from '../host/host.ts';
import { useSessionStore } from '../session/store.ts';

/** A station as the order timeline names it. */
export type StationEntry = { readonly deviceId: string; readonly siteId: string; readonly name: string; readonly stationNo: number };

/** Where the names are kept between visits: per server, so a station that moves servers starts afresh. */
export const STATION_DIRECTORY_PREFIX = 'packline-stations:';
/** Names change rarely: asked again at most this often while the order page is used. */
const REFRESH_MS = 10 * 60_000;

type Stored = { fetchedAt: number; stations: StationEntry[] };

function isEntry(v: unknown): v is StationEntry {
  return (
    typeof v === 'object' && v !== null &&
    'deviceId' in v && typeof v.deviceId === 'string' &&
    'siteId' in v && typeof v.siteId === 'string' &&
    'name' in v && typeof v.name === 'string' &&
    'stationNo' in v && typeof v.stationNo === 'number'
  );
}

/** The server's answer to GET /api/v1/stations, or null when it is not one. */
export function parseStations(body: unknown): StationEntry[] | null {
  if (typeof body !== 'object' || body === null || !('stations' in body) || !Array.isArray(body.stations)) return null;
  const stations: unknown[] = body.stations;
  return stations.every(isEntry) ? stations : null;
}

function read(storage: SyncStorage, serverUrl: string): Stored | null {
  const text = storage.getItem(`${STATION_DIRECTORY_PREFIX}${serverUrl}`);
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || !('fetchedAt' in v) || typeof v.fetchedAt !== 'number') return null;
    const stations = parseStations(v);
    return stations === null ? null : { fetchedAt: v.fetchedAt, stations };
  } catch {
    return null;
  }
}

/** The names kept from the last answer (none yet: empty), by device id. */
export function storedStations(storage: SyncStorage, serverUrl: string): ReadonlyMap<string, StationEntry> {
  return new Map((read(storage, serverUrl)?.stations ?? []).map((s) => [s.deviceId, s]));
}

/**
 * Asks the server for the stations' names and keeps them, unless they were asked for less than
 * ten minutes ago. Offline, or when the server cannot answer, the kept names stay as they are.
 * Returns the names now known.
 */
export async function refreshStations(serverUrl: string, storage: SyncStorage, fetchFn: typeof fetch, token: string | null, now = Date.now()): Promise<ReadonlyMap<string, StationEntry>> {
  const kept = read(storage, serverUrl);
  if (kept !== null && now - kept.fetchedAt < REFRESH_MS) return storedStations(storage, serverUrl);
  try {
    const res = await fetchFn(`${serverUrl}/api/v1/stations`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
    const stations = res.ok ? parseStations(await res.json()) : null;
    if (stations !== null) storage.setItem(`${STATION_DIRECTORY_PREFIX}${serverUrl}`, JSON.stringify({ fetchedAt: now, stations } satisfies Stored));
  } catch {
    // Unreachable: the names kept before serve until it answers again.
  }
  return storedStations(storage, serverUrl);
}

/** The stations' names for the order timeline: what is kept at once, then the server's answer. */
export function useStationDirectory(): ReadonlyMap<string, StationEntry> {
  const serverUrl = useSessionStore((s) => s.station?.serverUrl ?? null);
  const [names, setNames] = useState<ReadonlyMap<string, StationEntry>>(() => (serverUrl === null ? new Map() : storedStations(stationStorage(), serverUrl)));
  useEffect(() => {
    if (serverUrl === null) return undefined;
    let live = true;
    void refreshStations(serverUrl, stationStorage(), (input, init) => globalThis.fetch(input, init), getHost().pageToken()).then((found) => {
      if (live) setNames(found);
    });
    return () => {
      live = false;
    };
  }, [serverUrl]);
  return names;
}
