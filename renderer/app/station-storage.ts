/** The synchronous subset of Web Storage that Zustand's persist and the tracking sequence use. */
export type SyncStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

/** A store whose keys can also be listed, as Web Storage's can. */
export type ListedStorage = SyncStorage & {
  readonly length: number;
  key(index: number): string | null;
};

/** A store in memory, with Web Storage's interface (unit tests, and Node where there is no localStorage). */
export function memoryStorage(): ListedStorage {
  const memory = new Map<string, string>();
  return {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
    get length() {
      return memory.size;
    },
    key: (i) => [...memory.keys()][i] ?? null,
  };
}

const inMemory = memoryStorage();

/** Removes every key of `storage` that starts with `prefix`; returns how many went. */
export function removeKeysStartingWith(storage: ListedStorage, prefix: string): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix) === true) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  return keys.length;
}

/**
 * Station-local UI state (scanner settings, pack sessions, tracking sequence): localStorage,
 * whose writes are synchronous, so state is on disk before the next key press arrives.
 */
export function stationStorage(): ListedStorage {
  return typeof localStorage === 'undefined' ? inMemory : localStorage;
}
