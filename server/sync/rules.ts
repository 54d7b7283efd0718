import { DEFAULT_MAX_DRIFT_MS, isHlc, parseHlc } from '../../shared/clock/hlc.ts';
import { validateMovement } from '../../shared/inventory/ledger.ts';
import { collections, type AnyDoc, type CollectionName } from '../../shared/schema/collections.ts';
import { mergeDocs, normalizeDoc, sameDoc } from '../../shared/sync/merge.ts';
import type { RefusalRule, WireDoc } from '../../shared/sync/protocol.ts';
import { canWrite, readScope, type Principal } from '../../shared/sync/scope.ts';
import { checkerFor, summarise } from './validate.ts';

export type Rec = Record<string, unknown>;

/** The server's copy of a document, as locked for the push. */
export type Master = { doc: Rec; deleted: boolean; siteId: string | null; siteHistory: readonly string[] };

/**
 * What to do with one pushed row. `conflict` is the master document to answer with (RxDB
 * protocol), if any; it is only ever a document the principal may read.
 */
export type Decision =
  | { kind: 'noop'; conflict: WireDoc<Rec> | null }
  | { kind: 'write'; doc: Rec; deleted: boolean; conflict: WireDoc<Rec> | null }
  | { kind: 'refuse'; rule: RefusalRule; message: string; conflict: WireDoc<Rec> | null };

export type Row = { assumedMasterState?: Rec | null; newDocumentState: Rec };

const DELETED = '_deleted';
const META_KEYS = [DELETED, '_rev', '_meta', '_attachments'];

/** The document as stored: RxDB's bookkeeping fields removed. */
export function stripMeta(d: Rec): Rec {
  const out: Rec = {};
  for (const k of Object.keys(d)) if (!META_KEYS.includes(k)) out[k] = d[k];
  return out;
}

export function toWire(doc: Rec, deleted: boolean): WireDoc<Rec> {
  return { ...doc, _deleted: deleted };
}

/** May the principal read this master? Its site now or any site it belonged to counts. */
export function masterVisible(p: Principal, collection: CollectionName, m: Master): boolean {
  const scope = readScope(p, collection);
  if ('none' in scope) return false;
  if (scope.all) return true;
  return m.siteId === scope.siteId || m.siteHistory.includes(scope.siteId);
}

/** The first clock stamp in the document that is too far ahead of our clock, if any. */
function futureStamp(doc: Rec, nowMs: number): string | null {
  const stamps: unknown[] = [doc.hlc, doc.createdAt, doc.at];
  if (Array.isArray(doc.events)) for (const e of doc.events) stamps.push(isRec(e) ? e.at : undefined);
  for (const s of stamps) {
    if (typeof s === 'string' && isHlc(s) && parseHlc(s).ms - nowMs > DEFAULT_MAX_DRIFT_MS) return s;
  }
  return null;
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A station signs only its own work: every event it adds to a log and every new movement must
 * name this device and its site. Events the server already holds (by id) came from elsewhere,
 * pulled from other stations, and travel on whatever they say; a changed movement is refused
 * as immutable instead. People's tokens are not devices and are not checked here. Runs on the
 * pushed document, before any merge with the server's copy. The message, if one is wrong.
 */
function foreignActor(collection: CollectionName, p: Principal, master: Master | null, doc: Rec): string | null {
  if (p.kind !== 'device') return null;
  const says = (what: string, a: Rec) =>
    `${what} ${String(a.id)} says it was written by device ${String(a.deviceId)} at site ${String(a.siteId)}, but this is station ${p.id} of site ${p.siteId}: a station records only its own ${what}s`;
  const ours = (a: Rec) => a.deviceId === p.id && a.siteId === p.siteId;
  const merge = collections[collection].merge;
  if (merge === 'immutable') return master !== null || ours(doc) ? null : says('movement', doc);
  if (merge !== 'events' || !Array.isArray(doc.events)) return null;
  const known = new Set<unknown>();
  if (master !== null && Array.isArray(master.doc.events)) for (const e of master.doc.events) if (isRec(e)) known.add(e.id);
  const added = doc.events.find((e): e is Rec => isRec(e) && !known.has(e.id) && !ours(e));
  return added === undefined ? null : says('event', added);
}

/**
 * How the pushed event log stands to the server's: the id of an event the server has that
 * the push carries changed (events are never edited), and whether the push leaves out any
 * event the server has (a log only grows: the server keeps the union).
 */
function logAgainstMaster(master: Rec, doc: Rec): { changed: string | null; dropped: boolean } {
  if (!Array.isArray(master.events) || !Array.isArray(doc.events)) return { changed: null, dropped: false };
  const pushed = new Map<unknown, unknown>();
  for (const e of doc.events) if (isRec(e)) pushed.set(e.id, e);
  let dropped = false;
  for (const e of master.events) {
    if (!isRec(e)) continue;
    const mine = pushed.get(e.id);
    if (mine === undefined) dropped = true;
    else if (!sameDoc(mine, e)) return { changed: String(e.id), dropped };
  }
  return { changed: null, dropped };
}

function normalize(collection: CollectionName, d: AnyDoc): Rec {
  return collections[collection].merge === 'events' ? stripMeta(normalizeDoc(collection, d)) : d;
}

function siteOf(doc: Rec): string | undefined {
  return typeof doc.siteId === 'string' ? doc.siteId : undefined;
}

function historyOf(master: Master | null): string[] | null {
  return master === null ? null : [...master.siteHistory, ...(master.siteId === null ? [] : [master.siteId])];
}

/**
 * The push rules for one row, in order: schema, role and scope, the actor a station names on
 * what it adds, domain rules (no deletes of event docs or movements, movements immutable and
 * valid, no stamps from the future), then the replication protocol's conflict check. Pure:
 * the caller locks, writes and records.
 *
 * The scope is checked again on what would be stored: an order's site is a fold of its
 * events, so a document claiming this station's site while its events place it elsewhere
 * must not land in another site's scope.
 */
export function decide(collection: CollectionName, p: Principal, master: Master | null, row: Row, nowMs: number): Decision {
  const d = decideRow(collection, p, master, row, nowMs);
  if (d.kind !== 'write') return d;
  const stored = siteOf(d.doc);
  if (stored === siteOf(row.newDocumentState)) return d;
  const allowed = canWrite(p, collection, stored, historyOf(master));
  if (allowed.ok) return d;
  const visible = master !== null && masterVisible(p, collection, master);
  return { kind: 'refuse', rule: allowed.rule, message: allowed.message, conflict: visible ? toWire(master.doc, master.deleted) : null };
}

function decideRow(collection: CollectionName, p: Principal, master: Master | null, row: Row, nowMs: number): Decision {
  const def = collections[collection];
  const incoming = row.newDocumentState;
  const deleted = incoming[DELETED] === true;
  const doc = stripMeta(incoming);
  const siteId = siteOf(doc);
  const visible = master === null || masterVisible(p, collection, master);
  const masterWire = master !== null && visible ? toWire(master.doc, master.deleted) : null;
  const refuse = (rule: RefusalRule, message: string): Decision => ({ kind: 'refuse', rule, message, conflict: masterWire });

  const checker = checkerFor(collection);
  if (!checker.check(doc)) return refuse('schema', `does not match the ${collection} schema: ${summarise(checker.errors(doc))}`);
  const movements = checkerFor('movements');
  const allowed = canWrite(p, collection, siteId, historyOf(master));
  if (!allowed.ok) return refuse(allowed.rule, allowed.message);
  if (!visible) return refuse('scope', `document ${doc.id} belongs to another site and may not be written from here`);
  const foreign = foreignActor(collection, p, master, doc);
  if (foreign !== null) return refuse('actor', foreign);
  if (deleted && (def.merge === 'events' || def.merge === 'immutable')) {
    return refuse('delete_forbidden', `${collection} are never deleted: ${def.merge === 'events' ? 'add an event (e.g. cancelled) instead' : 'write a correcting movement instead'}`);
  }
  const future = futureStamp(doc, nowMs);
  if (future !== null) {
    return refuse('clock_drift', `clock stamp ${future} is more than ${DEFAULT_MAX_DRIFT_MS / 60_000} minutes ahead of the server clock: check this device's date and time`);
  }

  if (def.merge === 'immutable' && movements.check(doc)) {
    const invalid = validateMovement(doc);
    if (invalid !== null) return refuse('movement_invalid', invalid);
    if (master === null) return { kind: 'write', doc, deleted: false, conflict: null };
    if (!master.deleted && sameDoc(doc, master.doc)) return { kind: 'noop', conflict: null };
    return refuse('movement_immutable', 'a movement is never changed once written: write a correcting movement instead');
  }

  if (master === null || masterWire === null) {
    const final = normalize(collection, doc);
    return { kind: 'write', doc: final, deleted, conflict: final === doc || sameDoc(final, doc) ? null : toWire(final, deleted) };
  }

  if (sameDoc(toWire(doc, deleted), masterWire)) return { kind: 'noop', conflict: null };
  const assumed = row.assumedMasterState;
  const conflicted = assumed == null || !sameDoc(toWire(stripMeta(assumed), assumed[DELETED] === true), masterWire);
  const log = def.merge === 'events' ? logAgainstMaster(master.doc, doc) : { changed: null, dropped: false };
  if (log.changed !== null) return refuse('event_changed', `event ${log.changed} of ${doc.id} was changed after it was written: events are never edited, add a new event instead`);

  // A log that leaves out events the server has is merged like a conflict: no event is ever lost.
  if (conflicted || log.dropped) {
    if (def.merge !== 'events') return { kind: 'noop', conflict: masterWire };
    // Event logs never lose an event: store the union now, even if the client never retries.
    if (!checker.check(master.doc)) return refuse('schema', `the server's copy of ${doc.id} no longer matches the schema`);
    const merged = stripMeta(mergeDocs(collection, master.doc, doc));
    if (!checker.check(merged)) return refuse('schema', `merging with the server's copy gives an invalid document: ${summarise(checker.errors(merged))}`);
    if (sameDoc(merged, master.doc)) return { kind: 'noop', conflict: masterWire };
    // A push that already holds every event the server has is the union itself (a station's
    // first change to a document its first sync wrote, which keeps no assumed state): written,
    // and nothing to answer, so the station does not push its own state again.
    return { kind: 'write', doc: merged, deleted: false, conflict: sameDoc(merged, doc) ? null : toWire(merged, false) };
  }

  const final = normalize(collection, doc);
  const canonical = final === doc || sameDoc(final, doc);
  if (!canonical && !checker.check(final)) return refuse('schema', `the canonical form is invalid: ${summarise(checker.errors(final))}`);
  if (deleted === master.deleted && sameDoc(final, master.doc)) return { kind: 'noop', conflict: canonical ? null : masterWire };
  return { kind: 'write', doc: final, deleted, conflict: canonical ? null : toWire(final, deleted) };
}
