import { sql, type Kysely } from 'kysely';
import { collections, type CollectionName } from '../../shared/schema/collections.ts';
import type { Checkpoint } from '../../shared/sync/protocol.ts';
import type { ReadScope } from '../../shared/sync/scope.ts';
import type { Tables } from '../db/tables.ts';
import { PREPARE } from './store.ts';

type PullRow = { cp_xid: string; id: string; doc: string; deleted: boolean; evicted: boolean };

/*
 * Only rows whose writing transaction is older than every transaction still running (in
 * this database) are returned (`xid < packline_pull_horizon()`, see migration 2): a row
 * committed late by a slow concurrent writer then still sorts after the client's
 * checkpoint, so it is never skipped. The scope
 * is part of each query, before the LIMIT, with one statement per scope shape so each
 * can use its own index. The xid goes out as text under another name: ordering by an
 * output column called `xid` would sort the text ('1000' < '999') and skip rows.
 */

function pullAll(db: Kysely<Tables>, collection: string, cp: Checkpoint, limit: number) {
  return sql<PullRow>`${PREPARE}
    SELECT xid::text AS cp_xid, id, doc::text AS doc, deleted, false AS evicted
    FROM documents
    WHERE collection = ${collection}
      AND (xid, id) > (${cp.xid}::xid8, ${cp.id}::text)
      AND xid < (SELECT packline_pull_horizon())
    ORDER BY xid, id
    LIMIT ${limit}`.execute(db);
}

/**
 * A site's own documents plus, as tombstones, documents that belonged to the site and have
 * moved to another (an order reassigned away): the station evicts them instead of keeping
 * a stale copy. Moved documents are few and have their own partial index.
 */
function pullSite(db: Kysely<Tables>, collection: string, siteId: string, cp: Checkpoint, limit: number) {
  return sql<PullRow>`${PREPARE}
    SELECT u.xid::text AS cp_xid, u.id, u.doc, u.deleted, u.evicted FROM (
      (SELECT xid, id, doc::text AS doc, deleted, false AS evicted
       FROM documents
       WHERE collection = ${collection} AND site_id = ${siteId}
         AND (xid, id) > (${cp.xid}::xid8, ${cp.id}::text)
         AND xid < (SELECT packline_pull_horizon())
       ORDER BY xid, id
       LIMIT ${limit})
      UNION ALL
      (SELECT xid, id, doc::text AS doc, deleted, true AS evicted
       FROM documents
       WHERE collection = ${collection} AND cardinality(site_history) > 1
         AND site_history @> ARRAY[${siteId}::text] AND site_id IS DISTINCT FROM ${siteId}
         AND (xid, id) > (${cp.xid}::xid8, ${cp.id}::text)
         AND xid < (SELECT packline_pull_horizon())
       ORDER BY xid, id
       LIMIT ${limit})
    ) AS u
    ORDER BY u.xid, u.id
    LIMIT ${limit}`.execute(db);
}

const START: Checkpoint = { xid: '0', id: '' };

/**
 * One page of the pull, as JSON text. Documents are spliced in as PostgreSQL rendered
 * them (`doc::text`) with `_deleted` appended, instead of parsed and stringified again.
 */
export async function pullPage(
  db: Kysely<Tables>,
  collection: CollectionName,
  scope: Exclude<ReadScope, { none: true }>,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<{ body: string; count: number }> {
  const cp = checkpoint ?? START;
  const siteScoped = collections[collection].scope === 'site';
  const { rows } = scope.all || !siteScoped ? await pullAll(db, collection, cp, limit) : await pullSite(db, collection, scope.siteId, cp, limit);
  const parts: string[] = [];
  for (const r of rows) {
    const deleted = r.deleted || r.evicted ? 'true' : 'false';
    const head = r.doc.slice(0, -1).trimEnd();
    parts.push(head === '{' ? `{"_deleted":${deleted}}` : `${head},"_deleted":${deleted}}`);
  }
  const last = rows.at(-1);
  const next = last === undefined ? checkpoint : { xid: last.cp_xid, id: last.id };
  return { body: `{"documents":[${parts.join(',')}],"checkpoint":${JSON.stringify(next)}}`, count: rows.length };
}
