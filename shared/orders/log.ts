/**
 * Helpers for grow-only event logs (orders, shipments) and the canonical JSON that merge
 * tie-breaks use. Kept here, beside the fold, so the folds and shared/sync/merge.ts share
 * one definition without an import cycle.
 */

/** Anything stamped with an id and a hybrid-logical-clock stamp (shared/clock/hlc.ts). */
export type Stamped = { readonly id: string; readonly at: string };

/**
 * Clock order: by stamp, then by id. HLC stamps sort as plain strings; code-unit comparison
 * (not localeCompare) keeps the order identical on every runtime and locale.
 */
export function compareStamped(a: Stamped, b: Stamped): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * A log in canonical form: one event per id, sorted by (at, id). Copies with the same id are
 * meant to be identical; if a buggy writer made them differ, the copy with the smaller
 * (at, canonical JSON) is kept so every replica still picks the same one, whatever the order
 * of arrival. Canonical JSON is only computed on such collisions, so the common path is cheap.
 */
export function canonicalLog<E extends Stamped>(events: readonly E[]): E[] {
  const byId = new Map<string, E>();
  for (const e of events) {
    const seen = byId.get(e.id);
    if (seen === undefined) byId.set(e.id, e);
    else if (seen !== e && prefer(e, seen)) byId.set(e.id, e);
  }
  return [...byId.values()].sort(compareStamped);
}

function prefer(candidate: Stamped, current: Stamped): boolean {
  if (candidate.at !== current.at) return candidate.at < current.at;
  return canonicalJson(candidate) < canonicalJson(current);
}

/**
 * JSON with object keys sorted at every depth, so two deep-equal values give the same text
 * whatever their key order. Keys whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v)).join(',')}]`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value).sort(byKey)) {
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Walks `items` in clock order summing `qty` and returns the first item at which the running
 * total exceeds `limit`: the event that tipped a quantity over. Used to give an over-quantity
 * exception a stable id that does not change when later events pile on.
 */
export function firstOverLimit<T>(items: readonly T[], qty: (item: T) => number, limit: number): T | undefined {
  let total = 0;
  for (const item of items) {
    total += qty(item);
    if (total > limit) return item;
  }
  return undefined;
}
