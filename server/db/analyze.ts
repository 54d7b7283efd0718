import type { Db } from './database.ts';

type Log = { warn(obj: object, msg: string): void };

const MIN_WRITES = 5_000;
const MIN_INTERVAL_MS = 60_000;

/**
 * Keeps the planner's statistics of `documents` fresh. With stale statistics PostgreSQL
 * estimates a handful of rows and answers a pull page with a bitmap scan plus a sort of
 * every row after the checkpoint, instead of walking the (collection, xid, id) index and
 * stopping at the limit. Autovacuum fixes that within a minute on PostgreSQL, but PGlite
 * has no autovacuum, and a bulk load (seed, import) needs it at once. On PGlite this also
 * vacuums: updated documents leave dead rows that nothing else would ever reclaim.
 */
export class StatsKeeper {
  private writes = 0;
  private lastRun = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Log,
  ) {}

  /** Count written rows; past a threshold, re-analyse in the background (never more than once a minute). */
  noteWrites(n: number): void {
    this.writes += n;
    if (this.writes < MIN_WRITES || this.running !== null || Date.now() - this.lastRun < MIN_INTERVAL_MS) return;
    this.running = this.analyze().finally(() => {
      this.running = null;
    });
  }

  async analyze(): Promise<void> {
    this.writes = 0;
    this.lastRun = Date.now();
    try {
      await this.db.query(this.db.kind === 'pglite' ? 'VACUUM (ANALYZE) documents' : 'ANALYZE documents');
    } catch (err) {
      this.log.warn({ err }, 'refreshing the statistics of documents failed');
    }
  }

  /**
   * Analyse now if `documents` has never been analysed: documents loaded behind the server's
   * back (an import, a copied database) leave no statistics, and PGlite would never make any
   * before the next 5,000 pushed writes. Cheap when they exist.
   */
  async ensureAnalyzed(): Promise<void> {
    const [row] = await this.db.query<{ analysed: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'documents') AS analysed`,
    );
    if (row?.analysed !== true) await this.analyze();
  }

  /** Lets a shutdown wait for an analysis in flight instead of closing the database under it. */
  async idle(): Promise<void> {
    await this.running;
  }
}
