/** The synchronous subset of Web Storage that Zustand's persist and the tracking sequence use. */
export type SyncStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

const memory = new Map<string, string>();

/** In-memory stand-in where there is no localStorage (unit tests run in Node). */
const memoryStorage: SyncStorage = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

/**
 * Station-local UI state (scanner settings, pack sessions, tracking sequence): localStorage,
 * whose writes are synchronous, so state is on disk before the next key press arrives.
 */
export function stationStorage(): SyncStorage {
  return typeof localStorage === 'undefined' ? memoryStorage : localStorage;
}
