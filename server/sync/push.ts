import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { HybridClock } from '../../shared/clock/hlc.ts';
import { collections, type CollectionName } from '../../shared/schema/collections.ts';
import type { Refusal } from '../../shared/schema/refusals.ts';
import type { WireDoc } from '../../shared/sync/protocol.ts';
import type { Principal } from '../../shared/sync/scope.ts';
import type { Db } from '../db/database.ts';
import type { Tables } from '../db/tables.ts';
import type { Poke, SyncHub } from './hub.ts';
import { decide, type Decision, type Master, type Rec, type Row } from './rules.ts';
import { lockMasters, writeDocs, type StoredDoc } from './store.ts';

export type RefusalNote = { documentId: string; rule: string; message: string };

export type Applied = { conflicts: WireDoc<Rec>[]; refused: RefusalNote[]; written: number; pokes: Poke[] };

const ID_RE = /^[A-Za-z0-9_-]{1,40}$/;

export function principalLabel(p: Principal): string {
  return `${p.kind}:${p.id}`.slice(0, 200);
}

function refusalDoc(p: Principal, collection: string, row: Row, rule: string, message: string, at: string): Refusal {
  const doc = row.newDocumentState;
  const docSite = typeof doc.siteId === 'string' && ID_RE.test(doc.siteId) ? doc.siteId : '';
  return {
    id: uuidv7(),
    siteId: p.siteId ?? docSite,
    collectionName: collection,
    documentId: String(doc.id).slice(0, 200),
    rule: rule.slice(0, 80),
    message: message.slice(0, 2000),
    document: JSON.stringify(doc).slice(0, 2_000_000),
    principal: principalLabel(p),
    at,
  };
}

/**
 * A fault of ours in the rules (e.g. a fold that throws on some valid document) becomes a
 * refusal of that one document, recorded with the error, instead of failing the whole push.
 */
function decideSafely(collection: CollectionName, p: Principal, master: Master | null, row: Row, now: number): Decision {
  try {
    return decide(collection, p, master, row, now);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'refuse', rule: 'unprocessable', message: `the server could not process this document: ${message}`, conflict: null };
  }
}

function union(history: readonly string[], siteId: string | null): string[] {
  return siteId === null || history.includes(siteId) ? [...history] : [...history, siteId];
}

/**
 * Applies pushed rows inside the caller's transaction: locks the server copies, decides each
 * row on its own (a refusal never blocks the others), records refusals as documents the
 * station pulls, writes everything and notifies in one statement, and returns the pokes. With
 * `recordRefusals: false` (order intake) refusals are only reported, so the caller can fail
 * the whole request instead.
 */
export async function applyRows(
  trx: Kysely<Tables>,
  db: Db,
  clock: HybridClock,
  p: Principal,
  collection: CollectionName,
  rows: readonly Row[],
  opts: { recordRefusals: boolean; writtenBy?: string; origin?: string | null },
): Promise<Applied> {
  const ids = [...new Set(rows.map((r) => String(r.newDocumentState.id)))];
  const masters = await lockMasters(trx, collection, ids);
  const current = new Map<string, Master>(masters);
  const conflicts = new Map<string, WireDoc<Rec>>();
  const writes = new Map<string, StoredDoc>();
  const refusals: Refusal[] = [];
  const refused: RefusalNote[] = [];
  const touched = new Set<string>();
  const writtenBy = opts.writtenBy ?? p.id;
  const siteScoped = collections[collection].scope === 'site';
  const now = Date.now();

  for (const row of rows) {
    const id = String(row.newDocumentState.id);
    const master = current.get(id) ?? null;
    const d = decideSafely(collection, p, master, row, now);
    if (d.conflict === null) conflicts.delete(id);
    else conflicts.set(id, d.conflict);
    if (d.kind === 'refuse') {
      refused.push({ documentId: id, rule: d.rule, message: d.message });
      if (opts.recordRefusals) refusals.push(refusalDoc(p, collection, row, d.rule, d.message, clock.tick()));
      continue;
    }
    if (d.kind === 'noop') continue;
    const siteId = siteScoped && typeof d.doc.siteId === 'string' ? d.doc.siteId : null;
    const siteHistory = union(master?.siteHistory ?? [], siteId);
    for (const s of siteHistory) touched.add(s);
    current.set(id, { doc: d.doc, deleted: d.deleted, siteId, siteHistory });
    writes.set(id, { collection, id, doc: d.doc, deleted: d.deleted, siteId, siteHistory, writtenBy });
  }

  const inserts: StoredDoc[] = [];
  const updates: StoredDoc[] = [];
  for (const w of writes.values()) (masters.has(w.id) ? updates : inserts).push(w);
  for (const r of refusals) {
    const site = r.siteId === '' ? null : r.siteId;
    inserts.push({ collection: 'refusals', id: r.id, doc: r, deleted: false, siteId: site, siteHistory: site === null ? [] : [site], writtenBy: 'server' });
  }
  const pokes: Poke[] = [];
  // The writing client already holds its writes: it is not poked for them (it still is for
  // its refusals, which it has to pull).
  if (writes.size > 0) pokes.push({ collection, sites: siteScoped ? [...touched] : null, origin: opts.origin ?? null });
  if (refusals.length > 0) {
    const sites = refusals.map((r) => r.siteId);
    pokes.push({ collection: 'refusals', sites: sites.includes('') ? null : [...new Set(sites)], origin: null });
  }
  // PostgreSQL tells every server process by NOTIFY; PGlite's one process is told after commit.
  await writeDocs(trx, { inserts, updates, notify: db.kind === 'postgres' ? pokes : [] });
  return { conflicts: [...conflicts.values()], refused, written: writes.size, pokes };
}

/** PostgreSQL errors worth retrying the whole transaction for: serialization, deadlock, a racing insert. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

export async function withRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? err.code : undefined;
      if (i >= attempts || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
    }
  }
}

/**
 * One push request: one transaction, retried as a whole on a lost race; pokes after commit.
 * `origin`: the pushing replication client (CLIENT_HEADER), which is not poked for its own writes.
 */
export async function push(
  db: Db,
  hub: SyncHub,
  clock: HybridClock,
  p: Principal,
  collection: CollectionName,
  rows: readonly Row[],
  origin: string | null = null,
): Promise<Applied> {
  const applied = await withRetry(() =>
    db.kysely.transaction().execute((trx) => applyRows(trx, db, clock, p, collection, rows, { recordRefusals: true, origin })),
  );
  hub.committed(applied.pokes);
  return applied;
}
