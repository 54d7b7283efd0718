import type { CollectionName } from '../../shared/schema/collections.ts';
import { isCollectionName } from '../../shared/schema/collections.ts';
import { PREPARED, type Db, type Listener } from '../db/database.ts';
import type { Principal } from '../../shared/sync/scope.ts';
import { SYNC_CHANNEL } from './store.ts';

/**
 * "Pull `collection` again", for the given sites (null: everyone who can read it). `origin`:
 * the replication client whose write it was (it already has it), null when unknown.
 */
export type Poke = { collection: CollectionName; sites: readonly string[] | null; origin?: string | null };

/**
 * What one stream listens to: a collection, for a site (null: all), on behalf of a client,
 * for a token holder (`device:<id>`, `person:<id>`: whose streams a revocation ends).
 */
export type Subscription = { collection: CollectionName; siteId: string | null; clientId: string | null; holder: string };

type Subscriber = Subscription & {
  write(chunk: string): void;
  end(): void;
  /** Inside a coalescing window (a poke just went out). */
  quiet: boolean;
  /** Something changed during the window: poke again when it closes. */
  dirty: boolean;
};

type Log = { warn(obj: object, msg: string): void };

const HEARTBEAT_MS = 15_000;
/** First recheck soon (a concurrent push commits in milliseconds), then back off. */
const HORIZON_RECHECK_MS = [2, 5, 10, 25, 50, 100] as const;
/**
 * A poke goes out at once; further pokes to the same stream within this window are merged
 * into one at its end. A lone write reaches clients without delay, and a burst of pushes
 * from several stations costs each client one pull per window, not one per push.
 */
export const COALESCE_MS = 5;

/** Who holds a token, as streams are named for revocation: `device:<id>`, `person:<id>`. */
export function holderOf(p: Pick<Principal, 'kind' | 'id'>): string {
  return `${p.kind}:${p.id}`;
}

export function pokeEvent(collection: CollectionName): string {
  return `data: ${JSON.stringify({ collection })}\n\n`;
}

/**
 * Fans pokes out to the open SSE streams of this process. With PostgreSQL every process
 * LISTENs, and a poke waits until the writing transaction is below the pull horizon
 * (`packline_pull_horizon()`): poked earlier, a client would pull, find nothing new because some
 * unrelated transaction is still open, and then wait for a poke that never comes.
 */
export class SyncHub {
  private readonly subs = new Set<Subscriber>();
  private readonly waiting: { poke: Poke; xid: bigint }[] = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private recheck: NodeJS.Timeout | null = null;
  private checking = false;
  private rechecks = 0;
  private listener: Listener | null = null;
  private stopped = false;
  private readonly revokeListeners: ((holder: string) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    if (this.db.kind === 'postgres') {
      this.listener = await this.db.listen(SYNC_CHANNEL, (payload) => this.onNotify(payload), () => this.pokeEveryone());
    }
  }

  /** After a commit. With PostgreSQL the NOTIFY sent in the transaction does the work. */
  committed(pokes: readonly Poke[]): void {
    if (this.db.kind === 'pglite') for (const p of pokes) this.deliver(p);
  }

  subscribe(what: Subscription, write: (chunk: string) => void, end: () => void): () => void {
    const sub: Subscriber = { ...what, write, end, quiet: false, dirty: false };
    this.subs.add(sub);
    return () => {
      this.subs.delete(sub);
    };
  }

  /** Called in every server process when a token holder is revoked (e.g. to drop cached tokens). */
  onRevoked(listener: (holder: string) => void): void {
    this.revokeListeners.push(listener);
  }

  /**
   * A token holder was revoked: its open streams end now, in this process and, through
   * NOTIFY, in every other one (which also forget their cached tokens), so a revoked station
   * hears nothing more and its reconnect is refused.
   */
  async revoked(holder: string): Promise<void> {
    this.endStreamsOf(holder);
    if (this.db.kind !== 'postgres') return;
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [SYNC_CHANNEL, JSON.stringify({ r: holder })]);
    } catch (err) {
      // The other processes still refuse the token within their cache's lifetime, and end its streams at their next restart.
      this.log.warn({ err, holder }, 'could not tell the other server processes of a revocation');
    }
  }

  private endStreamsOf(holder: string): void {
    for (const listener of this.revokeListeners) listener(holder);
    for (const s of this.subs) {
      if (s.holder !== holder) continue;
      this.subs.delete(s);
      s.end();
    }
  }

  get streams(): number {
    return this.subs.size;
  }

  /** Ends every stream (clients reconnect elsewhere and resync) and stops listening. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.recheck !== null) clearTimeout(this.recheck);
    for (const s of this.subs) s.end();
    this.subs.clear();
    await this.listener?.close();
  }

  private deliver(poke: Poke): void {
    for (const s of this.subs) {
      if (s.collection !== poke.collection) continue;
      if (poke.origin != null && s.clientId === poke.origin) continue;
      if (s.siteId === null || poke.sites === null || poke.sites.includes(s.siteId)) this.poke(s);
    }
  }

  private poke(s: Subscriber): void {
    if (s.quiet) {
      s.dirty = true;
      return;
    }
    s.write(pokeEvent(s.collection));
    s.quiet = true;
    setTimeout(() => {
      s.quiet = false;
      if (s.dirty && this.subs.has(s)) {
        s.dirty = false;
        this.poke(s);
      }
    }, COALESCE_MS).unref();
  }

  private broadcast(chunk: string): void {
    for (const s of this.subs) s.write(chunk);
  }

  /** After a lost LISTEN connection: notifications may have been missed, so everyone pulls. */
  private pokeEveryone(): void {
    for (const s of this.subs) s.write(pokeEvent(s.collection));
  }

  private onNotify(payload: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    if ('r' in msg && typeof msg.r === 'string') {
      this.endStreamsOf(msg.r);
      return;
    }
    if (!('c' in msg) || !('x' in msg)) return;
    const { c, x } = msg;
    if (typeof c !== 'string' || !isCollectionName(c) || typeof x !== 'string' || !/^\d+$/.test(x)) return;
    const s = 's' in msg ? msg.s : null;
    const sites = Array.isArray(s) ? s.filter((v): v is string => typeof v === 'string') : null;
    const origin = 'o' in msg && typeof msg.o === 'string' ? msg.o : null;
    this.waiting.push({ poke: { collection: c, sites, origin }, xid: BigInt(x) });
    void this.checkHorizon();
  }

  private async checkHorizon(): Promise<void> {
    if (this.checking || this.stopped || this.waiting.length === 0) return;
    this.checking = true;
    try {
      const rows = await this.db.query<{ x: string }>(`${PREPARED} SELECT packline_pull_horizon()::text AS x`);
      const horizon = BigInt(rows[0]?.x ?? '0');
      const still = this.waiting.filter((w) => w.xid >= horizon);
      for (const w of this.waiting) if (w.xid < horizon) this.deliver(w.poke);
      this.waiting.splice(0, this.waiting.length, ...still);
    } catch (err) {
      this.log.warn({ err }, 'could not read the pull horizon; poking now');
      for (const w of this.waiting.splice(0)) this.deliver(w.poke);
    } finally {
      this.checking = false;
    }
    if (this.waiting.length === 0) this.rechecks = 0;
    else if (!this.stopped && this.recheck === null) {
      const delay = HORIZON_RECHECK_MS[Math.min(this.rechecks, HORIZON_RECHECK_MS.length - 1)];
      this.rechecks += 1;
      this.recheck = setTimeout(() => {
        this.recheck = null;
        void this.checkHorizon();
      }, delay);
      this.recheck.unref();
    }
  }
}
