import type { RxCollection, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Observable, Subscription } from 'rxjs';
import { collections, type CollectionName } from '../../shared/schema/collections.ts';
import type { Checkpoint, PullResponse, PushResponse, WireDoc } from '../../shared/sync/protocol.ts';
import { Backoff, type BackoffOptions, type Waker } from './backoff.ts';
import { failureOf } from './problem.ts';
import { isUntouchedPull } from './pulled-mark.ts';
import { isAbortError, pullPage, pushRows, type HttpConfig } from './http.ts';
import type { PendingUploads } from './pending.ts';
import { resyncsFor } from './pokes.ts';
import type { StatusBoard } from './status.ts';

/** What every collection's replication of one run shares. */
export type LaneContext = {
  http: HttpConfig;
  board: StatusBoard;
  /** Woken when an event stream reconnects, so waiting retries go at once. */
  waker: Waker;
  pullBatchSize: number;
  pushBatchSize: number;
  backoff: BackoffOptions;
  /** Aborted by stop(): in-flight requests end, retry waits end. */
  signal: AbortSignal;
  /** A pull or push with no answer for this long is abandoned and retried (a half-open connection). */
  requestTimeoutMs: number;
  /** The run's event stream(s), shared by every collection (pokes.ts). */
  pokes: Observable<string | null>;
};

/** A document as it travels: the schema's fields and `_deleted`. */
export type LaneDoc = WireDoc;
type Doc = LaneDoc;

/** One collection's replication for one run (start() to stop()). */
export type Lane = {
  name: CollectionName;
  state: RxReplicationState<Doc, Checkpoint>;
  subs: Subscription[];
};

/**
 * RxDB retries a failed handler after a fixed `retryTime`. Retrying inside the handler
 * instead gives exponential backoff with jitter, a wait that ends as soon as the server's
 * event stream is back, and an abort on stop(). Only an abort reaches RxDB, whose own
 * retry loop then ends because the replication is cancelled.
 */
export async function retrying<T>(ctx: LaneContext, channel: string, backoff: Backoff, roundDone: (r: T) => boolean, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  for (;;) {
    ctx.signal.throwIfAborted();
    try {
      const result = await fn(AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.requestTimeoutMs)]));
      backoff.reset();
      ctx.board.succeeded(channel, roundDone(result));
      return result;
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      ctx.board.failed(channel, failureOf(err, isAbortError(err) ? { prefix: channel, timeoutMs: ctx.requestTimeoutMs } : {}));
      await ctx.waker.wait(backoff.next(), ctx.signal);
    }
  }
}

/** Collections the server writes (refusals) are pulled only: a station has nothing to send. */
export function isPushed(name: CollectionName): boolean {
  return collections[name].merge !== 'server';
}

/** The server URL is part of the identity: checkpoints of one server mean nothing to another. */
export function replicationIdentifier(name: CollectionName, serverUrl: string): string {
  return `packline-${name}-${serverUrl}`;
}

/**
 * Where a lane starts when a first sync (bootstrap.ts) filled its collection, and the hash
 * that marks what the first sync wrote (a document pulled there and never changed here is
 * not pushed back).
 */
export type LaneStart = { hash: string; pull?: Checkpoint | null; push?: unknown };

export function startLane(name: CollectionName, collection: RxCollection, ctx: LaneContext, tracker: PendingUploads<Doc> | null, start: LaneStart): Lane {
  const pullBackoff = new Backoff(ctx.backoff);
  const pushBackoff = new Backoff(ctx.backoff);
  const pushed = isPushed(name);
  const docs = collection as RxCollection<Doc>;
  const state: RxReplicationState<Doc, Checkpoint> = replicateRxCollection<Doc, Checkpoint>({
    replicationIdentifier: replicationIdentifier(name, ctx.http.serverUrl),
    collection: docs,
    live: true,
    // Our handlers retry themselves; this is only RxDB's pause after an abort on stop().
    retryTime: 1000,
    autoStart: false,
    waitForLeadership: false,
    // A hidden browser tab keeps syncing: a manager's dashboard in a background tab must stay current.
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: ctx.pullBatchSize,
      initialCheckpoint: start.pull ?? undefined,
      handler: async (checkpoint, batchSize) => {
        const page = await retrying<PullResponse>(ctx, `pull ${name}`, pullBackoff, (r) => r.documents.length < batchSize, (signal) =>
          pullPage(ctx.http, name, checkpoint, batchSize, signal),
        );
        // An empty page may carry no checkpoint: stay where we are.
        return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
      },
      stream$: resyncsFor(ctx.pokes, name),
    },
    push: pushed
      ? {
          batchSize: ctx.pushBatchSize,
          initialCheckpoint: start.push,
          handler: async (rows) => {
            // Untouched pulls reach the upstream only in its first pass over the store; after
            // it, rows come from local writes, and the live push path reads nothing more.
            const firstPassDone = state.internalReplicationState?.firstSyncDone.up.getValue() === true;
            const send = firstPassDone ? rows : await withoutUntouchedPulls(docs, rows, start.hash);
            if (send.length === 0) return [];
            return retrying<PushResponse>(ctx, `push ${name}`, pushBackoff, () => true, (signal) => pushRows(ctx.http, name, send, signal));
          },
        }
      : undefined,
  });

  const subs: Subscription[] = [
    // Errors our handlers do not own: a pulled document the local schema rejects, a fork write failing.
    state.error$.subscribe((err) => {
      if (!ctx.signal.aborted) ctx.board.failed(`replicate ${name}`, failureOf(err, { prefix: `replicate ${name}` }));
    }),
  ];
  if (tracker) {
    subs.push(
      state.sent$.subscribe((doc) => tracker.acknowledge(doc)),
      state.active$.subscribe((active) => {
        const internal = state.internalReplicationState;
        if (!active && internal) void tracker.reconcile(internal).catch(() => {});
      }),
    );
  }
  return { name, state, subs };
}

/**
 * Resolves once RxDB's upstream has set itself up. Given an initial checkpoint, the upstream
 * stores it (two storage round trips) before it watches for its cancellation, and a cancel
 * in between completes what it then watches: an unhandled EmptyError. A lane is stopped only
 * after this. `stats.up.upstreamInitialSync` counts from the first task queued after the setup.
 */
export async function upstreamReady(lane: Lane): Promise<void> {
  const internal = lane.state.internalReplicationState;
  if (internal === undefined || !isPushed(lane.name)) return;
  while (internal.stats.up.upstreamInitialSync === 0 && !internal.events.canceled.getValue()) {
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Rows the upstream would send with no assumed server state for documents that are, untouched,
 * what a first sync pulled: the server has them already. The upstream meets them in its first
 * pass over the store, when a first sync was cut short or resumed (the upstream starts before
 * its writes) or when a local change was made while it ran. RxDB records a dropped row as
 * sent, so it is not offered again.
 */
async function withoutUntouchedPulls(collection: RxCollection<Doc>, rows: RxReplicationWriteToMasterRow<Doc>[], hash: string): Promise<RxReplicationWriteToMasterRow<Doc>[]> {
  const unknown = rows.filter((r) => r.assumedMasterState === undefined).map((r) => r.newDocumentState.id);
  if (unknown.length === 0) return rows;
  const stored = await collection.storageInstance.findDocumentsById(unknown, true);
  const pulled = new Set(stored.filter((d) => isUntouchedPull(d, hash)).map((d) => d.id));
  return pulled.size === 0 ? rows : rows.filter((r) => r.assumedMasterState !== undefined || !pulled.has(r.newDocumentState.id));
}
