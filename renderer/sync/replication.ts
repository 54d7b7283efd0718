import { addRxPlugin, awaitRxStorageReplicationIdle, type RxCollection, type RxStorageInstanceReplicationState } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import type { Observable, Subscription } from 'rxjs';
import { collectionNames, type CollectionName } from '../../shared/schema/collections.ts';
import { MAX_PULL_LIMIT, MAX_PUSH_ROWS } from '../../shared/sync/protocol.ts';
import { stationStorage, type SyncStorage } from '../app/station-storage.ts';
import { DEFAULT_BACKOFF, Waker, type BackoffOptions } from './backoff.ts';
import { newClientId, type FetchFn } from './http.ts';
import { failureOf } from './problem.ts';
import { firstSync, firstSyncApplies, storedProgress, type FirstSyncProgress, type FirstSyncResult } from './bootstrap.ts';
import { isPushed, replicationIdentifier, startLane, upstreamReady, type Lane, type LaneContext, type LaneDoc } from './lane.ts';
import { PendingUploads } from './pending.ts';
import { pokeHub } from './pokes.ts';
import { pulledMarkHash } from './pulled-mark.ts';
import { StatusBoard, type CollectionStatus, type SyncStatus } from './status.ts';

export type { CollectionStatus, SyncStatus } from './status.ts';

/**
 * What the client needs of a database: its collections, looked up by name, and, for a store
 * shared by several browser tabs, RxDB's leader election.
 */
export type SyncDatabase = {
  readonly collections: { readonly [K in CollectionName]?: RxCollection };
  readonly multiInstance?: boolean;
  waitForLeadership?(): Promise<boolean>;
};

export type StartReplicationOptions = {
  /** A database from createPacklineDatabase (any subset of collections). */
  db: SyncDatabase;
  /** Server origin, e.g. `https://packline.example.com` (no trailing /api). */
  serverUrl: string;
  /** Device token (station) or person token (browser). */
  token: string;
  /** Collections to replicate (default: every replicated collection the database has open). */
  collections?: readonly CollectionName[];
  /**
   * Documents per pull request and per push request (default 1000 and 250; the server caps
   * both at 1000). Big pulls make a catch-up take few round trips; smaller pushes keep each
   * server transaction, and the rows it locks, short while other stations write.
   */
  batchSize?: number | { pull?: number; push?: number };
  fetch?: FetchFn;
  /** Retry delays (default 250 ms doubling to 30 s, with jitter). */
  backoff?: BackoffOptions;
  /** Reconnect an event stream that sent nothing, heartbeats included, for this long (default 60 s). */
  idleTimeoutMs?: number;
  /** Abandon and retry a pull or push unanswered for this long (default 60 s). */
  requestTimeoutMs?: number;
  /** Start at once (default true). */
  autoStart?: boolean;
  /**
   * Replicate only while this tab leads (default: when the database is shared by tabs,
   * `multiInstance`). Tabs share one IndexedDB store, so one replication serves them all;
   * two would push every change twice and race on the replication's bookkeeping.
   */
  leaderOnly?: boolean;
  /**
   * Fill a collection that holds nothing yet straight from the server's pages before its
   * replication starts (bootstrap.ts; default true). Off, the replication pulls everything itself.
   */
  firstSync?: boolean;
  /**
   * Where first syncs keep their progress, so one cut short resumes (default: localStorage
   * where there is one, else memory; keys are per database and collection).
   */
  progressStorage?: SyncStorage;
};

export type SyncClient = {
  /** Starts (or restarts after stop()) every collection's replication; resumes from the stored checkpoints. */
  start(): Promise<void>;
  /** Stops replicating: cancels the replications, aborts requests in flight, closes the event streams. */
  stop(): Promise<void>;
  /** Resolves once every local change is pushed and every pull round has ended. */
  awaitInSync(): Promise<void>;
  /** Pull (and push) again now, as an event-stream poke would. */
  reSync(): void;
  readonly status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** Each collection's status (the Sync page), by collection name. */
  readonly collections$: Observable<ReadonlyMap<string, CollectionStatus>>;
  readonly collections: ReadonlyMap<string, CollectionStatus>;
  /** stop(), then stop counting pending uploads and complete status$. */
  close(): Promise<void>;
};

const DEFAULT_PULL_BATCH = MAX_PULL_LIMIT;
/** Pushed as several requests at once (see pushRows in http.ts). */
const DEFAULT_PUSH_BATCH = 1000;

function batchSizes(b: StartReplicationOptions['batchSize']): { pull: number; push: number } {
  const pull = typeof b === 'number' ? b : (b?.pull ?? DEFAULT_PULL_BATCH);
  const push = typeof b === 'number' ? b : (b?.push ?? DEFAULT_PUSH_BATCH);
  return { pull: Math.min(Math.max(1, pull), MAX_PULL_LIMIT), push: Math.min(Math.max(1, push), MAX_PUSH_ROWS) };
}

function internalOf(lane: Lane): RxStorageInstanceReplicationState<LaneDoc> | undefined {
  return lane.state.internalReplicationState;
}

/** Where the first-sync progress of a database's collections is kept: keys starting with this. */
export function firstSyncKeyPrefix(databaseName: string): string {
  return `packline-first-sync:${databaseName}:`;
}

/**
 * Replicates the local store with the server: one RxDB replication per collection, pulling
 * by checkpoint, pushing with conflict answers resolved by the shared merge, and kept live
 * by the server's event stream. See DESIGN.md, Replication.
 */
export function startReplication(opts: StartReplicationOptions): SyncClient {
  // waitForLeadership() comes from this plugin (replicateRxCollection adds it too, but later).
  addRxPlugin(RxDBLeaderElectionPlugin);
  const fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const names = (opts.collections ?? collectionNames).filter((n) => Object.hasOwn(opts.db.collections, n));
  const missing = (opts.collections ?? []).filter((n) => !names.includes(n));
  if (missing.length > 0) throw new Error(`startReplication: the database has no collection ${missing.join(', ')}`);
  const sizes = batchSizes(opts.batchSize);
  const board = new StatusBoard();
  const collectionOf = (name: CollectionName): RxCollection => {
    const c = opts.db.collections[name];
    if (!c) throw new Error(`startReplication: the database has no collection ${name}`);
    return c;
  };
  const progressStorage = opts.progressStorage ?? stationStorage();
  const progressOf = (name: CollectionName): FirstSyncProgress =>
    storedProgress(progressStorage, `${firstSyncKeyPrefix(collectionOf(name).database.name)}${replicationIdentifier(name, opts.serverUrl)}`);

  // Pending uploads are counted for the client's whole life, also while stopped (offline).
  const trackers = new Map<CollectionName, PendingUploads<LaneDoc>>();
  for (const name of names) {
    if (isPushed(name)) trackers.set(name, new PendingUploads(collectionOf(name), (n) => board.setPending(name, n)));
  }
  const clientSubs: Subscription[] = [];
  if (names.includes('refusals')) {
    clientSubs.push(collectionOf('refusals').count().$.subscribe((n: number) => board.setRefusals(n)));
  }

  let lanes: Lane[] = [];
  /**
   * `wish`: made by start(), aborted by stop() at once, so a start still queued, or waiting
   * for leadership, gives up without holding the queue. `running`: the wish that is running.
   */
  let wish: AbortController | null = null;
  let running: AbortController | null = null;
  let transition: Promise<void> = Promise.resolve();

  const leaderOnly = opts.leaderOnly ?? opts.db.multiInstance === true;

  /** Resolves when this tab leads, or when `signal` aborts (stop() in a tab that never led). */
  function leadership(signal: AbortSignal): Promise<void> {
    const db = opts.db;
    if (!leaderOnly || db.waitForLeadership === undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => resolve(), { once: true });
      db.waitForLeadership?.().then(() => resolve(), reject);
    });
  }

  async function doStart(controller: AbortController): Promise<void> {
    if (controller.signal.aborted || running === controller) return;
    running = controller;
    board.setRunning(true, names);
    await leadership(controller.signal);
    if (controller.signal.aborted) return;
    const waker = new Waker();
    const backoff = opts.backoff ?? DEFAULT_BACKOFF;
    const clientId = newClientId();
    const ctx: LaneContext = {
      http: { serverUrl: opts.serverUrl, token: opts.token, fetch: fetchFn, clientId },
      board,
      waker,
      pullBatchSize: sizes.pull,
      pushBatchSize: sizes.push,
      backoff,
      signal: controller.signal,
      requestTimeoutMs: opts.requestTimeoutMs ?? 60_000,
      pokes: pokeHub({
        serverUrl: opts.serverUrl,
        token: opts.token,
        fetch: fetchFn,
        clientId,
        names,
        backoff,
        idleTimeoutMs: opts.idleTimeoutMs,
        waker,
        onState: (name, connected, error) => board.streamState(name, connected, error),
      }),
    };
    // Each collection starts replicating as soon as its own first sync (if any) is written.
    // First syncs take turns in the collections' order, orders first: the pack queue is whole
    // sooner, rather than every collection sharing the page's main thread until all are done.
    let previous: Promise<unknown> = Promise.resolve();
    const started = await Promise.allSettled(
      names.map(async (name) => {
        const collection = collectionOf(name);
        const hashed = pulledMarkHash(collection, replicationIdentifier(name, opts.serverUrl));
        // Each first sync starts at once and downloads when the one before it has ended. Turns
        // are taken here, before any await, so they follow the collections' order.
        let queued: Promise<FirstSyncResult | null> | null = null;
        if (opts.firstSync !== false && firstSyncApplies(name)) {
          const turn = previous;
          queued = hashed.then((mark) => firstSync(name, collection, ctx, mark, progressOf(name), turn));
          previous = queued.catch(() => undefined);
        }
        const hash = await hashed;
        const first = queued === null ? null : await queued;
        controller.signal.throwIfAborted();
        const lane = startLane(name, collection, ctx, trackers.get(name) ?? null, { hash, pull: first?.pull, push: first?.push });
        board.setPhase(name, 'catching-up');
        lane.state.awaitInitialReplication().then(
          () => {
            // In sync once, the replication has stored its own checkpoints: a first sync's record goes.
            if (first !== null) progressOf(name).clear();
            if (!controller.signal.aborted) board.setPhase(name, 'live');
          },
          () => {},
        );
        await lane.state.start();
        // Only a given push checkpoint puts storage round trips into RxDB's upstream set-up.
        if (first?.push !== undefined) await upstreamReady(lane);
        return lane;
      }),
    );
    lanes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    // stop() during a first sync: the queued doStop() cancels the lanes already started.
    if (failed && !controller.signal.aborted) throw failed.reason;
    if (controller.signal.aborted) return;
    await Promise.all(
      lanes.map(async (lane) => {
        const internal = internalOf(lane);
        const tracker = trackers.get(lane.name);
        if (internal && tracker) await tracker.seed(internal);
      }),
    );
  }

  async function doStop(): Promise<void> {
    const controller = running;
    if (!controller) return;
    running = null;
    // Abort first so cancel() does not wait on a request to an unreachable server.
    controller.abort();
    const stopping = lanes;
    lanes = [];
    await Promise.all(stopping.map((l) => l.state.cancel()));
    for (const lane of stopping) for (const s of lane.subs) s.unsubscribe();
    board.setRunning(false);
  }

  // start and stop never overlap: each waits for the previous transition to finish.
  function queue(step: () => Promise<void>): Promise<void> {
    const next = transition.then(step, step);
    transition = next.catch(() => {});
    return next;
  }

  const client: SyncClient = {
    start: () => {
      if (wish === null || wish.signal.aborted) wish = new AbortController();
      const controller = wish;
      return queue(() => doStart(controller));
    },
    stop: () => {
      wish?.abort();
      return queue(doStop);
    },
    async awaitInSync() {
      await transition;
      if (running === null) throw new Error('awaitInSync: sync is stopped');
      const current = lanes;
      // Loop until a whole pass finds nothing running: a poke or a conflict write seen
      // during one pass starts more work that the next pass waits for.
      for (let quiet = 0; quiet < 2; ) {
        // Let pokes and resyncs already emitted reach RxDB's queues (they pass async operators).
        await new Promise((r) => setTimeout(r, 0));
        await Promise.all(current.map((l) => l.state.awaitInSync()));
        await Promise.all(current.map((l) => internalOf(l)).filter((s) => s !== undefined).map((s) => awaitRxStorageReplicationIdle(s)));
        const busy = current.some((l) => l.state.subjects.active.getValue());
        quiet = busy ? 0 : quiet + 1;
      }
      await Promise.all(
        current.map(async (lane) => {
          const internal = internalOf(lane);
          const tracker = trackers.get(lane.name);
          if (internal && tracker && !internal.events.canceled.getValue()) await tracker.reconcile(internal);
        }),
      );
    },
    reSync() {
      for (const lane of lanes) lane.state.reSync();
    },
    status$: board.status$,
    get status() {
      return board.value;
    },
    collections$: board.collections$,
    get collections() {
      return board.collections;
    },
    async close() {
      await client.stop();
      for (const s of clientSubs) s.unsubscribe();
      for (const t of trackers.values()) t.close();
      board.complete();
    },
  };
  if (opts.autoStart !== false) {
    // Failures here are reported on status$; the promise is kept by awaitInSync() through `transition`.
    client.start().catch((err: unknown) => board.failed('start', failureOf(err, { prefix: 'sync could not start' })));
  }
  return client;
}
