import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { Master } from './rules.ts';

/** A row to write, already decided. `siteHistory` includes every site the document ever had. */
export type StoredDoc = {
  collection: string;
  id: string;
  doc: Record<string, unknown>;
  deleted: boolean;
  siteId: string | null;
  siteHistory: readonly string[];
  writtenBy: string;
};

export const SYNC_CHANNEL = 'packline_sync';

/**
 * Locks the server copies of `ids` for the rest of the transaction, in id order so two
 * pushes over overlapping ids cannot deadlock.
 */
export async function lockMasters(db: Kysely<Tables>, collection: string, ids: readonly string[]): Promise<Map<string, Master>> {
  const out = new Map<string, Master>();
  if (ids.length === 0) return out;
  const { rows } = await sql<{ id: string; doc: string; deleted: boolean; site_id: string | null; site_history: string[] }>`
    SELECT id, doc::text AS doc, deleted, site_id, site_history FROM documents
    WHERE collection = ${collection} AND id = ANY(${[...ids]}::text[])
    ORDER BY id FOR UPDATE`.execute(db);
  for (const r of rows) {
    // Written by this server after validation: trusted to be a document of the collection.
    const doc: Master['doc'] = JSON.parse(r.doc);
    out.set(r.id, { doc, deleted: r.deleted, siteId: r.site_id, siteHistory: r.site_history });
  }
  return out;
}

type Columns = { c: string[]; id: string[]; doc: string[]; site: (string | null)[]; hist: string[]; del: boolean[]; by: string[] };

function columns(docs: readonly StoredDoc[]): Columns {
  const cols: Columns = { c: [], id: [], doc: [], site: [], hist: [], del: [], by: [] };
  for (const d of docs) {
    cols.c.push(d.collection);
    cols.id.push(d.id);
    cols.doc.push(JSON.stringify(d.doc));
    cols.site.push(d.siteId);
    cols.hist.push(JSON.stringify(d.siteHistory));
    cols.del.push(d.deleted);
    cols.by.push(d.writtenBy);
  }
  return cols;
}

/**
 * New documents in one statement (arrays unnested), whatever their collection. The xid
 * column defaults to the writing transaction's id. A concurrent insert of the same id
 * fails with a unique violation and the caller retries the whole push.
 */
export async function insertDocs(db: Kysely<Tables>, docs: readonly StoredDoc[]): Promise<void> {
  if (docs.length === 0) return;
  const k = columns(docs);
  await sql`
    INSERT INTO documents (collection, id, doc, site_id, site_history, deleted, written_by)
    SELECT u.c, u.id, u.doc::jsonb, u.site, ARRAY(SELECT jsonb_array_elements_text(u.hist::jsonb)), u.del, u.by
    FROM unnest(${k.c}::text[], ${k.id}::text[], ${k.doc}::text[], ${k.site}::text[], ${k.hist}::text[], ${k.del}::bool[], ${k.by}::text[])
      AS u(c, id, doc, site, hist, del, by)`.execute(db);
}

/** Existing (locked) documents in one statement; each gets this transaction's xid, so pulls see it again. */
export async function updateDocs(db: Kysely<Tables>, docs: readonly StoredDoc[]): Promise<void> {
  if (docs.length === 0) return;
  const k = columns(docs);
  await sql`
    UPDATE documents AS d
    SET doc = u.doc::jsonb, site_id = u.site, site_history = ARRAY(SELECT jsonb_array_elements_text(u.hist::jsonb)),
        deleted = u.del, written_by = u.by, written_at = now(), xid = pg_current_xact_id()
    FROM unnest(${k.c}::text[], ${k.id}::text[], ${k.doc}::text[], ${k.site}::text[], ${k.hist}::text[], ${k.del}::bool[], ${k.by}::text[])
      AS u(c, id, doc, site, hist, del, by)
    WHERE d.collection = u.c AND d.id = u.id`.execute(db);
}

/**
 * Tells every server process (LISTEN) that `collection` changed for `sites` (null: all).
 * Sent inside the transaction, so it is delivered on commit and never for a rollback; it
 * carries the transaction id so listeners can wait until pulls can see the write.
 */
export async function notifyChange(db: Kysely<Tables>, collection: string, sites: readonly string[] | null): Promise<void> {
  const payload = JSON.stringify({ c: collection, s: sites });
  // NOTIFY payloads are limited to 8000 bytes: past that, poke every site.
  const body = payload.length > 7000 ? JSON.stringify({ c: collection, s: null }) : payload;
  await sql`SELECT pg_notify(${SYNC_CHANNEL}, (${body}::jsonb || jsonb_build_object('x', pg_current_xact_id()::text))::text)`.execute(db);
}
