import { collections, type CollectionName, type DocOf } from '../schema/collections.ts';
import { foldOrder, type OrderInput } from '../orders/fold.ts';
import { canonicalJson } from '../orders/log.ts';
import { foldShipment, type ShipmentInput } from '../shipments/fold.ts';
import type { WireDoc } from './protocol.ts';

/**
 * Merging two versions of one document, per `collections[name].merge`. Every merge is
 * commutative, associative and idempotent up to `sameDoc` (idempotent on normalized
 * documents, which is all a replica ever writes), so replicas converge whatever the order
 * in which versions meet.
 *
 * Header winner (lww, server, and the headers of event docs): the greater clock (`hlc`, or
 * `at` for server-written docs) wins. On equal clocks a live document beats a deleted one
 * (a deletion wins only with a strictly greater clock), then the greater canonical JSON
 * (sorted keys; of the header for event docs, of the whole doc otherwise; `_deleted` left
 * out). That is a total order, which is what makes the choice commutative and associative.
 * For orders the header includes `siteId`: it is derived, but it is also the fold's fallback
 * when no `created` event has arrived, so it travels with the header that wins.
 *
 * Immutable docs (movements): equal versions give the first; otherwise a live version before
 * a deleted one, then the smaller canonical JSON.
 *
 * `_deleted`: the result carries the winner's flag. If either input carries the key the
 * result carries it too (as a boolean), so wire docs stay wire docs.
 *
 * RxDB's local-only fields `_rev`, `_meta` and `_attachments` are ignored by every
 * comparison and dropped from results: they are not replicated, RxDB sets them on write.
 */

type Rec = Record<string, unknown>;

const LOCAL_KEYS: ReadonlySet<string> = new Set(['_rev', '_meta', '_attachments']);
const DELETED = '_deleted';

/** Fields of event docs that are not header: the id, the log and what the fold derives. */
const NON_HEADER: Readonly<Record<'orders' | 'shipments', ReadonlySet<string>>> = {
  // siteId is derived but also the fold's fallback input, so it travels with the header.
  orders: new Set(['id', 'events', 'status', 'lineState', 'payments', 'paymentStatus', 'onHold', 'exceptions', 'openExceptions']),
  shipments: new Set(['id', 'events', 'status']),
};

export function mergeDocs<C extends CollectionName>(collection: C, a: DocOf<C>, b: DocOf<C>): DocOf<C> {
  const x: Rec = a;
  const y: Rec = b;
  let out: Rec;
  switch (collections[collection].merge) {
    case 'events':
      out = collection === 'orders' ? mergeOrders(x, y) : mergeShipments(x, y);
      break;
    case 'lww':
      out = stripLocal(pickWinner(x, y, 'hlc', stripLocal));
      break;
    case 'server':
      out = stripLocal(pickWinner(x, y, 'at', stripLocal));
      break;
    case 'immutable':
      out = stripLocal(pickImmutable(x, y));
      break;
  }
  return asDocOf(collection, withDeletedKey(out, x, y));
}

/** Canonical form: for event docs the log deduped and sorted and every derived field refolded; other docs as they are. */
export function normalizeDoc<C extends CollectionName>(collection: C, doc: DocOf<C>): DocOf<C> {
  const d: Rec = doc;
  if (collection === 'orders' && isOrderInput(d)) return asDocOf(collection, foldOrder(d));
  if (collection === 'shipments' && isShipmentInput(d)) return asDocOf(collection, foldShipment(d));
  return doc;
}

/**
 * Deep equality ignoring key order and RxDB's local `_rev`, `_meta`, `_attachments` (top
 * level), but not `_deleted`. Keys holding `undefined` count as absent, as in JSON.
 */
export function sameDoc(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, true);
}

/** RxDB 16+ conflict handler for one collection: structurally an `RxConflictHandler<DocOf<C>>`. */
export type ConflictHandler<D> = {
  isEqual(a: WireDoc<D>, b: WireDoc<D>, context?: string): boolean;
  resolve(
    input: { newDocumentState: WireDoc<D>; realMasterState: WireDoc<D>; assumedMasterState?: WireDoc<D> },
    context?: string,
  ): Promise<WireDoc<D>>;
};

/**
 * Resolving is merging: the fork's and the master's versions meet exactly as on the server,
 * so client and server agree on the result (which keeps `_deleted`, as wire docs carry it).
 * `isEqual` is called very often and must stay cheap and synchronous: one deep comparison,
 * no fold.
 */
export function makeConflictHandler<C extends CollectionName>(collection: C): ConflictHandler<DocOf<C>> {
  return {
    isEqual: (a, b) => sameDoc(a, b),
    resolve: (input) => {
      const merged: Rec = mergeDocs(collection, input.realMasterState, input.newDocumentState);
      if (!isWireDoc<DocOf<C>>(merged)) throw new Error(`merge of ${collection} lost _deleted`);
      return Promise.resolve(merged);
    },
  };
}

function mergeOrders(a: Rec, b: Rec): Rec {
  const input = mergedInput('orders', a, b);
  if (!isOrderInput(input)) throw new Error('Cannot merge orders: a version lacks lines, events or siteId');
  return foldOrder(input);
}

function mergeShipments(a: Rec, b: Rec): Rec {
  const input = mergedInput('shipments', a, b);
  if (!isShipmentInput(input)) throw new Error('Cannot merge shipments: a version lacks events');
  return foldShipment(input);
}

/** The winning header, the id, and both logs concatenated (the fold dedupes and sorts). */
function mergedInput(kind: 'orders' | 'shipments', a: Rec, b: Rec): Rec {
  const skip = NON_HEADER[kind];
  const headerOf = (d: Rec): Rec => {
    const h: Rec = {};
    for (const [k, v] of Object.entries(d)) if (!skip.has(k) && !LOCAL_KEYS.has(k)) h[k] = v;
    return h;
  };
  const winner = headerOf(pickWinner(a, b, 'hlc', headerOf));
  return { ...winner, id: a.id, events: [...listOf(a.events), ...listOf(b.events)] };
}

function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * The greater of two versions by (clock, live before deleted, canonical JSON of `view`).
 * `_deleted` is left out of the JSON: liveness is already ranked, and whether a version
 * carries the key at all must not change who wins, or merging would not be associative.
 */
function pickWinner(a: Rec, b: Rec, clockKey: 'hlc' | 'at', view: (d: Rec) => Rec): Rec {
  const ca = clockOf(a[clockKey]);
  const cb = clockOf(b[clockKey]);
  if (ca !== cb) return ca > cb ? a : b;
  const byLiveness = liveFirst(a, b);
  if (byLiveness !== undefined) return byLiveness;
  return tieText(view(a)) >= tieText(view(b)) ? a : b;
}

/**
 * Equal versions give a; otherwise a live one before a deleted one, then the smaller
 * canonical JSON. Only so that replicas agree meanwhile: the server refuses a changed
 * movement on its own.
 */
function pickImmutable(a: Rec, b: Rec): Rec {
  return liveFirst(a, b) ?? (tieText(stripLocal(a)) <= tieText(stripLocal(b)) ? a : b);
}

function liveFirst(a: Rec, b: Rec): Rec | undefined {
  const da = a[DELETED] === true;
  const db = b[DELETED] === true;
  if (da === db) return undefined;
  return da ? b : a;
}

function tieText(d: Rec): string {
  const { [DELETED]: _deleted, ...rest } = d;
  return canonicalJson(rest);
}

function clockOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function stripLocal(d: Rec): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(d)) if (!LOCAL_KEYS.has(k)) out[k] = v;
  return out;
}

function withDeletedKey(out: Rec, a: Rec, b: Rec): Rec {
  if (!(DELETED in a) && !(DELETED in b)) return out;
  return { ...out, [DELETED]: out[DELETED] === true };
}

/*
 * Type guards at the points where loosely typed records become documents again. Results are
 * built only from the inputs' own fields and the folds, so shallow checks suffice; full
 * schema validation is the server's job on push, and would be too slow for isEqual/resolve.
 */
function asDocOf<C extends CollectionName>(collection: C, d: Rec): DocOf<C> {
  if (!isDocOf(collection, d)) throw new Error(`Merged ${collection} document has no id`);
  return d;
}

function isDocOf<C extends CollectionName>(_collection: C, d: unknown): d is DocOf<C> {
  return isRec(d) && typeof d.id === 'string';
}

function isWireDoc<D>(d: Rec): d is WireDoc<D> {
  return typeof d[DELETED] === 'boolean';
}

function isOrderInput(d: Rec): d is Rec & OrderInput {
  return Array.isArray(d.events) && Array.isArray(d.lines) && typeof d.siteId === 'string';
}

function isShipmentInput(d: Rec): d is Rec & ShipmentInput {
  return Array.isArray(d.events);
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown, topLevel: boolean): boolean {
  if (a === b) return true;
  // NaN never occurs in JSON documents; identity is enough for primitives.
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], false)) return false;
    return true;
  }
  if (!isRec(a) || !isRec(b)) return false;
  const keys = (r: Rec) => Object.keys(r).filter((k) => r[k] !== undefined && !(topLevel && LOCAL_KEYS.has(k)));
  const ka = keys(a);
  if (ka.length !== keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k], false)) return false;
  return true;
}
