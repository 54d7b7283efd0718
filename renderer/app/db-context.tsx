import { createContext, useContext, type ReactNode } from 'react';
import type { PacklineDatabase } from '../db/database.ts';

const DbContext = createContext<PacklineDatabase | null>(null);

/** Gives the screens below it the station's local store (opened by the app shell, or by a test). */
export function DbProvider({ db, children }: { db: PacklineDatabase; children: ReactNode }): ReactNode {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

/** The local RxDB store. Screens read it through reactive queries; only mounted under DbProvider. */
export function useDb(): PacklineDatabase {
  const db = useContext(DbContext);
  if (db === null) throw new Error('useDb: no DbProvider above this component');
  return db;
}
