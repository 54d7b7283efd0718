import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { StaffRole } from '../../shared/schema/common.ts';

export type Locale = 'en' | 'es' | 'it';
export const LOCALES: readonly Locale[] = ['en', 'es', 'it'];

/** The station this renderer is enrolled as: which device, for which site, talking to which server. */
export type Station = {
  deviceId: string;
  siteId: string;
  siteCode: string;
  stationName: string;
  serverUrl: string;
  /**
   * The number the server gave this station (1..9999): the station field of its own-fleet
   * tracking numbers. Absent for a station enrolled before the server handed numbers out.
   */
  stationNo?: number;
  /**
   * Whose token this is: an enrolled station (`device`, one site, no office data) or a person
   * in a browser (the demo manager: all sites, signed in by the token itself). Absent = device.
   */
  principal?: 'device' | 'person';
  /** The site's country (ISO 3166 alpha-2), learnt from the synced site: numbers and dates follow it. */
  siteCountry?: string;
};

/** The person signed in at the station. Leads and managers may do more (reprioritise, resolve). */
export type SignedInStaff = { id: string; name: string; role: StaffRole };

export type SessionState = {
  station: Station | null;
  staff: SignedInStaff | null;
  locale: Locale;
  setStation(station: Station | null): void;
  /** The server's number for this station, learnt after enrolment; whoever is signed in stays. */
  setStationNo(stationNo: number): void;
  signIn(staff: SignedInStaff): void;
  signOut(): void;
  setLocale(locale: Locale): void;
};

export function isLead(staff: SignedInStaff | null): boolean {
  return staff !== null && (staff.role === 'lead' || staff.role === 'manager' || staff.role === 'admin');
}

type Persisted = { station: Station | null; locale: Locale; staff: SignedInStaff | null };

/**
 * The station and locale go to localStorage (they outlive the window); the signed-in person
 * goes to sessionStorage, so a reload keeps the packer signed in but a closed window does not.
 */
const splitStorage: StateStorage = {
  getItem(name) {
    const local = localStorage.getItem(name);
    if (local === null) return null;
    const parsed: unknown = JSON.parse(local);
    const staff: unknown = JSON.parse(sessionStorage.getItem(`${name}.staff`) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null || !('state' in parsed)) return local;
    const state: unknown = parsed.state;
    return JSON.stringify({ ...parsed, state: { ...(typeof state === 'object' ? state : {}), staff } });
  },
  setItem(name, value) {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || !('state' in parsed) || typeof parsed.state !== 'object' || parsed.state === null) {
      localStorage.setItem(name, value);
      return;
    }
    const { staff, ...rest } = parsed.state as Partial<Persisted>;
    localStorage.setItem(name, JSON.stringify({ ...parsed, state: rest }));
    sessionStorage.setItem(`${name}.staff`, JSON.stringify(staff ?? null));
  },
  removeItem(name) {
    localStorage.removeItem(name);
    sessionStorage.removeItem(`${name}.staff`);
  },
};

/**
 * UI and session state only (STYLE: never a copy of database rows).
 */
export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      station: null,
      staff: null,
      locale: 'en',
      setStation: (station) => set({ station, staff: null }),
      setStationNo: (stationNo) => set((s) => (s.station === null || s.station.principal !== 'device' ? {} : { station: { ...s.station, stationNo } })),
      signIn: (staff) => set({ staff }),
      signOut: () => set({ staff: null }),
      setLocale: (locale) => set({ locale }),
    }),
    {
      name: 'packline.session',
      storage: createJSONStorage(() => splitStorage),
      partialize: (s): Persisted => ({ station: s.station, locale: s.locale, staff: s.staff }),
    },
  ),
);
