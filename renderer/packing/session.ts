import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { stationStorage } from '../app/station-storage.ts';
import { useSessionStore } from '../session/store.ts';
import type { ScanDecision } from './scan.ts';
import type { CompletionPlan } from './plan.ts';

/**
 * The pack session: what this station has scanned for an order but not yet shipped.
 *
 * Why here and not as `packed` events per scan: order events are grow-only and a `packed`
 * event needs qty >= 1, so a per-scan event could never be undone, only flagged; and an
 * RxDB write is an IndexedDB round trip, while a scan must answer within a frame. So scans
 * live in this small store, persisted synchronously to localStorage (a reload or crash keeps
 * them, offline), and "Complete and ship" turns them into events, a shipment and movements.
 */
export type PackAction =
  | { kind: 'scan'; lineId: string; code: string }
  | { kind: 'manual'; lineId: string; qty: number; staffId: string };

export type PackSession = {
  orderId: string;
  actions: PackAction[];
  /** Set once "Complete and ship" has decided ids and numbers: a retry reuses them (idempotent). */
  plan: CompletionPlan | null;
};

/** The last answer shown to the packer; `seq` changes on every scan so equal answers re-flash. */
export type Feedback = { seq: number; orderId: string; decision: ScanDecision };

export type PackSessionState = {
  sessions: Record<string, PackSession>;
  feedback: Feedback | null;
  push(orderId: string, action: PackAction): void;
  /** Removes and returns the last action of an order's session. */
  undo(orderId: string): PackAction | null;
  setPlan(orderId: string, plan: CompletionPlan | null): void;
  clear(orderId: string): void;
  showFeedback(orderId: string, decision: ScanDecision): void;
  clearFeedback(): void;
};

const empty = (orderId: string): PackSession => ({ orderId, actions: [], plan: null });

export const usePackSession = create<PackSessionState>()(
  persist(
    (set, get) => ({
      sessions: {},
      feedback: null,
      push: (orderId, action) =>
        set((s) => {
          const cur = s.sessions[orderId] ?? empty(orderId);
          return { sessions: { ...s.sessions, [orderId]: { ...cur, actions: [...cur.actions, action] } } };
        }),
      undo: (orderId) => {
        const cur = get().sessions[orderId];
        const last = cur?.actions.at(-1);
        if (cur === undefined || last === undefined || cur.plan !== null) return null;
        set((s) => ({ sessions: { ...s.sessions, [orderId]: { ...cur, actions: cur.actions.slice(0, -1) } }, feedback: null }));
        return last;
      },
      setPlan: (orderId, plan) =>
        set((s) => ({ sessions: { ...s.sessions, [orderId]: { ...(s.sessions[orderId] ?? empty(orderId)), plan } } })),
      clear: (orderId) =>
        set((s) => {
          const { [orderId]: _gone, ...rest } = s.sessions;
          return { sessions: rest };
        }),
      showFeedback: (orderId, decision) => set((s) => ({ feedback: { seq: (s.feedback?.seq ?? 0) + 1, orderId, decision } })),
      clearFeedback: () => set({ feedback: null }),
    }),
    {
      name: 'packline.pack-session',
      // localStorage writes are synchronous: the scan is on disk before the next key arrives.
      storage: createJSONStorage(stationStorage),
      partialize: (s) => ({ sessions: s.sessions }),
    },
  ),
);

/**
 * Scans and plans belong to the station that made them (a plan's events name its device):
 * when the station is forgotten or another is enrolled, its unshipped sessions go with it,
 * rather than be retried under a device the server would refuse them from.
 */
useSessionStore.subscribe((now, before) => {
  if (now.station?.deviceId !== before.station?.deviceId) usePackSession.setState({ sessions: {}, feedback: null });
});

/** Units per line this session: a scan adds one, a lead's manual count sets the line's total. */
export function sessionQuantities(session: PackSession | undefined): Map<string, number> {
  const qty = new Map<string, number>();
  for (const a of session?.actions ?? []) {
    qty.set(a.lineId, a.kind === 'scan' ? (qty.get(a.lineId) ?? 0) + 1 : a.qty);
  }
  return qty;
}
