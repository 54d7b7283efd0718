import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PREPARED } from '../db/database.ts';
import type { Tables } from '../db/tables.ts';
import type { Poke } from './hub.ts';
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

/** Marks a hot statement to be prepared once per connection (see PREPARED). */
export const PREPARE = sql.raw(PREPARED);

/**
 * Locks the server copies of `ids` for the rest of the transaction, in id order so two
 * pushes over overlapping ids cannot deadlock.
 */
export async function lockMasters(db: Kysely<Tables>, collection: string, ids: readonly string[]): Promise<Map<string, Master>> {
  const out = new Map<string, Master>();
  if (ids.length === 0) return out;
  const { rows } = await sql<{ id: string; doc: string; deleted: boolean; site_id: string | null; site_history: string[] }>`${PREPARE}
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

/**
 * All rows travel as one JSON parameter, unpacked by json_to_recordset: one native
 * JSON.stringify here and one parse in PostgreSQL, where text arrays would make the driver
 * escape every megabyte of document text element by element.
 */
function rowsParam(docs: readonly StoredDoc[]): string {
  return JSON.stringify(
    docs.map((d) => ({ c: d.collection, id: d.id, doc: d.doc, site: d.siteId, hist: d.siteHistory, del: d.deleted, by: d.writtenBy })),
  );
}

/** New documents in one statement, whatever their collection (the seeds' bulk writes). */
export async function insertDocs(db: Kysely<Tables>, docs: readonly StoredDoc[]): Promise<void> {
  await writeDocs(db, { inserts: docs, updates: [], notify: [] });
}

const RECORD = sql`u(c text, id text, doc jsonb, site text, hist text[], del bool, by text)`;

/**
 * One push's writes in one statement, one round trip: the new documents, the existing
 * (locked) ones, and with `notify` (PostgreSQL) one NOTIFY per poke; only the parts a push
 * needs (a bare INSERT plans faster than a WITH of three, which matters on PGlite). Updated
 * rows get this transaction's xid, so pulls see them again. A concurrent insert of the same
 * id fails with a unique violation and the caller retries the whole push. The notifications
 * are sent inside the transaction, so they are delivered on commit and never for a rollback,
 * and carry the transaction id so listeners can wait until pulls can see the write.
 */
export async function writeDocs(db: Kysely<Tables>, w: { inserts: readonly StoredDoc[]; updates: readonly StoredDoc[]; notify: readonly Poke[] }): Promise<void> {
  const parts: { name: string; body: RawBuilder<unknown> }[] = [];
  if (w.inserts.length > 0) {
    parts.push({
      name: 'ins',
      body: sql`INSERT INTO documents (collection, id, doc, site_id, site_history, deleted, written_by)
        SELECT u.c, u.id, u.doc, u.site, u.hist, u.del, u.by FROM json_to_recordset(${rowsParam(w.inserts)}::json) AS ${RECORD}`,
    });
  }
  if (w.updates.length > 0) {
    parts.push({
      name: 'upd',
      body: sql`UPDATE documents AS d
        SET doc = u.doc, site_id = u.site, site_history = u.hist, deleted = u.del,
            written_by = u.by, written_at = now(), xid = pg_current_xact_id()
        FROM json_to_recordset(${rowsParam(w.updates)}::json) AS ${RECORD}
        WHERE d.collection = u.c AND d.id = u.id`,
    });
  }
  if (w.notify.length > 0) {
    parts.push({
      name: 'note',
      body: sql`SELECT pg_notify(${SYNC_CHANNEL}, (p::jsonb || jsonb_build_object('x', pg_current_xact_id()::text))::text)
        FROM json_array_elements_text(${JSON.stringify(w.notify.map(notifyPayload))}::json) AS p`,
    });
  }
  // The last part is the statement, the others WITH clauses before it: data-modifying WITH
  // clauses always run, and there is nothing to read back.
  const last = parts.at(-1);
  if (last === undefined) return;
  const before = parts.slice(0, -1).map((p) => sql`${sql.raw(p.name)} AS (${p.body})`);
  await (before.length === 0 ? sql`${PREPARE} ${last.body}` : sql`${PREPARE} WITH ${sql.join(before)} ${last.body}`).execute(db);
}

/** What a NOTIFY says: the collection, the sites (null: all) and the writing client. */
function notifyPayload(poke: Poke): string {
  const o = poke.origin ?? null;
  const payload = JSON.stringify({ c: poke.collection, s: poke.sites, o });
  // NOTIFY payloads are limited to 8000 bytes: past that, poke every site.
  return payload.length > 7000 ? JSON.stringify({ c: poke.collection, s: null, o }) : payload;
}
