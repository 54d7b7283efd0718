import { sql, type Kysely } from 'kysely';
import type { Tables } from './tables.ts';

type Migration = { id: number; name: string; sql: string };

/**
 * One statement at a time: PGlite's extended protocol runs a single statement per query. A
 * statement ends with a line that ends in `;`, outside a dollar-quoted function body.
 */
function statements(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let quote: string | null = null;
  for (const line of text.split('\n')) {
    if (/^\s*--/.test(line) && quote === null) continue;
    current.push(line);
    for (const tag of line.match(/\$[A-Za-z_]*\$/g) ?? []) {
      if (quote === null) quote = tag;
      else if (tag === quote) quote = null;
    }
    if (quote === null && /;\s*$/.test(line)) {
      out.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  out.push(current.join('\n').trim());
  return out.filter((s) => s.length > 0);
}

/**
 * Append-only: a released migration is never edited, a change is a new entry. Each runs in
 * its own transaction under an advisory lock, so several server processes starting at once
 * apply it exactly once.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'documents, auth, intake',
    sql: `
      CREATE TABLE documents (
        collection text NOT NULL,
        id text NOT NULL,
        doc jsonb NOT NULL,
        site_id text NULL,
        site_history text[] NOT NULL DEFAULT '{}',
        deleted boolean NOT NULL DEFAULT false,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        written_by text,
        written_at timestamptz DEFAULT now(),
        PRIMARY KEY (collection, id)
      );
      -- Pull order for all-sites readers, and per site for stations.
      CREATE INDEX documents_pull ON documents (collection, xid, id);
      CREATE INDEX documents_site_pull ON documents (collection, site_id, xid, id);
      -- Documents that moved between sites are few: eviction scans only them.
      CREATE INDEX documents_moved ON documents (collection, xid, id) WHERE cardinality(site_history) > 1;
      CREATE INDEX documents_product_sku ON documents ((doc->>'sku')) WHERE collection = 'products';
      CREATE INDEX documents_customer_email ON documents ((lower(doc->>'email'))) WHERE collection = 'customers';
      CREATE INDEX documents_refusals ON documents (site_id, written_at) WHERE collection = 'refusals';

      CREATE TABLE tokens (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('device', 'person')),
        principal_id text NOT NULL,
        name text NOT NULL,
        role text NULL,
        site_id text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      );
      CREATE TABLE devices (
        id text PRIMARY KEY,
        site_id text NOT NULL,
        name text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      );
      CREATE TABLE enrolments (
        code_hash text PRIMARY KEY,
        device_id text NOT NULL REFERENCES devices (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE order_intake (
        channel text NOT NULL,
        external_id text NOT NULL,
        order_id text NOT NULL,
        number text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, external_id)
      );
      CREATE SEQUENCE order_number_seq START 100001;
    `,
  },
  {
    id: 2,
    name: 'pull horizon',
    /*
     * The oldest transaction that may still commit rows into this database; pulls return
     * only rows written before it. pg_snapshot_xmin alone would also wait for transactions
     * of other databases on the same cluster (xids are cluster-wide), so an in-progress xid
     * is skipped when pg_stat_activity shows it belongs to another database. Anything not
     * positively known to be elsewhere still counts (e.g. when the role may not see other
     * sessions). STABLE: it runs on the calling statement's snapshot, the same one the
     * pull reads documents with.
     */
    sql: `
      CREATE FUNCTION packline_pull_horizon() RETURNS xid8 LANGUAGE sql STABLE AS $fn$
        SELECT COALESCE(
          (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
           WHERE NOT EXISTS (
             SELECT 1 FROM pg_stat_activity a
             WHERE a.backend_xid = xid(x) AND a.datname IS DISTINCT FROM current_database())),
          pg_snapshot_xmax(pg_current_snapshot()))
      $fn$;
    `,
  },
  {
    id: 3,
    name: 'pull horizon in plpgsql',
    /*
     * The same horizon, as PL/pgSQL: a LANGUAGE sql function that is not inlined is planned
     * again on every call (about 1 ms, pg_stat_activity's view included, twice per site
     * pull), where PL/pgSQL keeps its plan for the connection's life.
     */
    sql: `
      CREATE OR REPLACE FUNCTION packline_pull_horizon() RETURNS xid8 LANGUAGE plpgsql STABLE AS $fn$
      DECLARE
        oldest xid8;
      BEGIN
        SELECT min(x) INTO oldest FROM pg_snapshot_xip(pg_current_snapshot()) AS x
        WHERE NOT EXISTS (
          SELECT 1 FROM pg_stat_activity a
          WHERE a.backend_xid = xid(x) AND a.datname IS DISTINCT FROM current_database());
        RETURN COALESCE(oldest, pg_snapshot_xmax(pg_current_snapshot()));
      END
      $fn$;
    `,
  },
  {
    id: 4,
    name: 'station numbers',
    /*
     * Every station gets its own number, 1 to 9999, when it is created: the station field of
     * its own-fleet tracking numbers (shared/barcodes/tracking.ts), so two stations never
     * mint the same number offline. Stations created before get numbers in creation order.
     */
    sql: `
      CREATE SEQUENCE device_station_no_seq MINVALUE 1 MAXVALUE 9999 NO CYCLE;
      ALTER TABLE devices ADD COLUMN station_no integer UNIQUE CHECK (station_no BETWEEN 1 AND 9999);
      UPDATE devices SET station_no = n.no
      FROM (SELECT id, nextval('device_station_no_seq') AS no FROM (SELECT id FROM devices ORDER BY created_at, id) AS ordered) AS n
      WHERE devices.id = n.id;
      ALTER TABLE devices ALTER COLUMN station_no SET DEFAULT nextval('device_station_no_seq');
      ALTER TABLE devices ALTER COLUMN station_no SET NOT NULL;
    `,
  },
];

/** Arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_311_042;

export async function migrate(db: Kysely<Tables>): Promise<number[]> {
  await sql`CREATE TABLE IF NOT EXISTS packline_migrations (id int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const seen = await trx.selectFrom('packline_migrations').select('id').where('id', '=', m.id).executeTakeFirst();
      if (seen) return false;
      for (const stmt of statements(m.sql)) await sql.raw(stmt).execute(trx);
      await trx.insertInto('packline_migrations').values({ id: m.id, name: m.name }).execute();
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
