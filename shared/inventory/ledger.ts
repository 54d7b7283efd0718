import type { Movement, MovementKind } from '../schema/movements.ts';
import { canonicalJson } from '../orders/log.ts';

/** What one movement does to a site's stock of one SKU. */
export type StockEffect = { onHand: number; reserved: number };

/** Stock of one SKU at one site. `available` may go negative: that is a clash to show, not to hide. */
export type StockTotals = { siteId: string; sku: string; onHand: number; reserved: number; available: number };

/** The fields the ledger sums read; projections may pass lighter rows than whole movements. */
export type LedgerRow = Pick<Movement, 'id' | 'kind' | 'quantity' | 'siteId' | 'sku'>;

/** Map key of a (site, SKU) pair. NUL cannot occur in ids or SKUs typed by people, so keys never collide. */
export function stockKey(siteId: string, sku: string): string {
  return `${siteId}\u0000${sku}`;
}

/** Kinds whose quantity is a signed correction; every other kind carries a positive amount. */
const SIGNED_KINDS: ReadonlySet<MovementKind> = new Set(['adjustment', 'count_correction']);

/**
 * Sign of each kind's quantity on (onHand, reserved). A shipment consumes stock that was
 * reserved for the order, so it lowers both; a release hands a reservation back. Adjustments
 * and count corrections carry their own sign in the quantity.
 */
const EFFECT_SIGNS: Readonly<Record<MovementKind, readonly [onHand: -1 | 0 | 1, reserved: -1 | 0 | 1]>> = {
  receipt: [1, 0],
  reservation: [0, 1],
  release: [0, -1],
  ship: [-1, -1],
  adjustment: [1, 0],
  count_correction: [1, 0],
  transfer_out: [-1, 0],
  transfer_in: [1, 0],
  return_restock: [1, 0],
};

/** The effect of one movement on its site's stock of its SKU. */
export function movementEffect(m: Pick<Movement, 'kind' | 'quantity'>): StockEffect {
  const [onHand, reserved] = EFFECT_SIGNS[m.kind];
  // Multiplying by a zero sign would give -0 for negative quantities; plain 0 keeps sums and equality clean.
  return { onHand: onHand === 0 ? 0 : onHand * m.quantity, reserved: reserved === 0 ? 0 : reserved * m.quantity };
}

/** Why a movement is not acceptable, in words for the person who wrote it; null if it is. */
export function validateMovement(m: Pick<Movement, 'kind' | 'quantity'>): string | null {
  if (!Number.isSafeInteger(m.quantity)) return `Quantity must be a whole number, got ${m.quantity}`;
  if (SIGNED_KINDS.has(m.kind)) {
    return m.quantity === 0 ? `A ${m.kind.replaceAll('_', ' ')} must change the stock: quantity cannot be 0` : null;
  }
  return m.quantity > 0 ? null : `A ${m.kind.replaceAll('_', ' ')} needs a positive quantity, got ${m.quantity}`;
}

/**
 * Adds one movement to running totals, in place, for overlays (local movements the server's
 * projection has not counted yet) and projections. `sign: -1` takes a movement back out,
 * e.g. once the server's projection includes it. Mutates on purpose: a million movements
 * are summed without a copy per step. The caller dedupes; `sumLedger` does it for you.
 */
export function addToTotals(totals: Map<string, StockTotals>, m: LedgerRow, sign: 1 | -1 = 1): void {
  const effect = movementEffect(m);
  const key = stockKey(m.siteId, m.sku);
  let t = totals.get(key);
  if (t === undefined) {
    t = { siteId: m.siteId, sku: m.sku, onHand: 0, reserved: 0, available: 0 };
    totals.set(key, t);
  }
  // Adding a zero effect would otherwise turn 0 into -0 when sign is -1.
  if (effect.onHand !== 0) t.onHand += sign * effect.onHand;
  if (effect.reserved !== 0) t.reserved += sign * effect.reserved;
  t.available = t.onHand - t.reserved;
}

/**
 * Stock per (site, SKU) from a set of movements. A movement id counted twice counts once
 * (replication can deliver the same movement twice); if two copies of an id differ, the one
 * with the smaller canonical JSON counts, as in the immutable merge. Integer sums do not
 * depend on order, and the map's entries are sorted by key, so even iteration order is the
 * same for any permutation of the input.
 */
export function sumLedger<M extends LedgerRow>(movements: Iterable<M>): Map<string, StockTotals> {
  const byId = new Map<string, M>();
  for (const m of movements) {
    const seen = byId.get(m.id);
    if (seen === undefined) byId.set(m.id, m);
    else if (seen !== m && canonicalJson(m) < canonicalJson(seen)) byId.set(m.id, m);
  }
  const totals = new Map<string, StockTotals>();
  for (const m of byId.values()) addToTotals(totals, m);
  const keys = [...totals.keys()].sort();
  const sorted = new Map<string, StockTotals>();
  for (const k of keys) {
    const t = totals.get(k);
    if (t !== undefined) sorted.set(k, t);
  }
  return sorted;
}
