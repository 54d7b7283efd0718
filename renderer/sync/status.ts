import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import type { SyncFailure } from './problem.ts';

/**
 * A failure as the screens tell it: which work failed (downloading, uploading, live updates,
 * the replication itself, or starting sync), of which collection, and why.
 */
export type SyncProblem = SyncFailure & {
  readonly action: 'pull' | 'push' | 'stream' | 'replicate' | 'start';
  /** Null when it is not one collection's (starting sync). */
  readonly collection: string | null;
};

/** What the station's status bar shows (DESIGN.md: always visible). */
export type SyncStatus = {
  /** Every event stream is connected and no request is failing. */
  online: boolean;
  /** Local changes the server has not acknowledged yet. */
  pendingUploads: number;
  /** When a pull round or a push last completed (ms since epoch). */
  lastSyncAt: number | null;
  /** Why sync is not working, technical and in English (a tooltip, the log); null when it is. */
  error: string | null;
  /** The same failure, for the screens to say in the station's language; null when none. */
  problem: SyncProblem | null;
  /** Documents the server refused to write (the refusals collection). */
  refusals: number;
};

/**
 * Where one collection's sync stands: stopped (sync is off: offline, or not started),
 * waiting for its first sync's turn, in its first sync (pages written straight into the
 * store), catching up (the replication has started and not yet been in sync once), or live
 * (in sync once, and following changes both ways).
 */
export type CollectionPhase = 'stopped' | 'waiting' | 'first-sync' | 'catching-up' | 'live';

/** One collection's line on the Sync page. */
export type CollectionStatus = {
  readonly phase: CollectionPhase;
  /** Its local changes the server has not acknowledged yet. */
  readonly pending: number;
  /** When a pull round of it last completed (ms since epoch). */
  readonly lastPullAt: number | null;
  /** Why its pulls, pushes or event stream are failing, technical; null when they are not. */
  readonly error: string | null;
  /** The same, for the screens to say in the station's language. */
  readonly problem: SyncProblem | null;
  /** Documents its first sync has written so far (since it started or resumed); null outside one. */
  readonly downloaded: number | null;
};

export const INITIAL_STATUS: SyncStatus = { online: false, pendingUploads: 0, lastSyncAt: null, error: null, problem: null, refusals: 0 };

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return a.online === b.online && a.pendingUploads === b.pendingUploads && a.lastSyncAt === b.lastSyncAt && a.error === b.error && a.problem?.kind === b.problem?.kind && a.refusals === b.refusals;
}

const ACTIONS: readonly SyncProblem['action'][] = ['pull', 'push', 'stream', 'replicate', 'start'];

/** Channels are "<action> <collection>" ("pull orders", "stream shipments") or "start". */
function problemOn(channel: string, why: SyncFailure): SyncProblem {
  const [verb = '', collection = null] = channel.split(' ');
  const action = ACTIONS.find((a) => a === verb) ?? 'replicate';
  return { ...why, action, collection };
}

/**
 * Collects the facts the status is made of and emits the status when it changes. Failures
 * are kept per channel ("pull orders", "stream orders", …) so one channel succeeding does
 * not hide another that is still failing.
 */
export class StatusBoard {
  private readonly subject = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  readonly status$: Observable<SyncStatus> = this.subject.pipe(distinctUntilChanged(sameStatus));
  private readonly perCollection = new BehaviorSubject<ReadonlyMap<string, CollectionStatus>>(new Map());
  /** Every collection's status, emitted whenever one of them changes. */
  readonly collections$: Observable<ReadonlyMap<string, CollectionStatus>> = this.perCollection.asObservable();

  private running = false;
  private readonly streams = new Map<string, boolean>();
  private readonly failures = new Map<string, SyncProblem>();
  private readonly pending = new Map<string, number>();
  private refusals = 0;
  private lastSyncAt: number | null = null;
  private readonly phases = new Map<string, CollectionPhase>();
  private readonly lastPullAt = new Map<string, number>();
  private readonly downloaded = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get value(): SyncStatus {
    return this.subject.getValue();
  }

  get collections(): ReadonlyMap<string, CollectionStatus> {
    return this.perCollection.getValue();
  }

  /** Sync on for `streamNames` (each waits for its first sync's turn), or off for every collection. */
  setRunning(running: boolean, streamNames: readonly string[] = []): void {
    this.running = running;
    this.streams.clear();
    for (const name of streamNames) this.streams.set(name, false);
    if (!running) this.failures.clear();
    for (const name of this.phases.keys()) this.phases.set(name, 'stopped');
    this.downloaded.clear();
    if (running) for (const name of streamNames) this.phases.set(name, 'waiting');
    this.emit();
  }

  /** A collection's sync moved on (ignored while sync is off: a late report of a stopped lane). */
  setPhase(collection: string, phase: CollectionPhase): void {
    if (!this.running || this.phases.get(collection) === phase) return;
    this.phases.set(collection, phase);
    this.emit();
  }

  /** A collection's first sync has written `count` documents so far. */
  setDownloaded(collection: string, count: number): void {
    if (!this.running || this.downloaded.get(collection) === count) return;
    this.downloaded.set(collection, count);
    this.emit();
  }

  streamState(name: string, connected: boolean, error: SyncFailure | null): void {
    if (!this.running || !this.streams.has(name)) return;
    this.streams.set(name, connected);
    if (connected || error === null) this.failures.delete(`stream ${name}`);
    else this.failures.set(`stream ${name}`, problemOn(`stream ${name}`, error));
    this.emit();
  }

  /** A request on `channel` ("pull orders", "push orders") succeeded; `roundDone`: it ended a round. */
  succeeded(channel: string, roundDone: boolean): void {
    const changed = this.failures.delete(channel);
    if (roundDone) {
      this.lastSyncAt = this.now();
      if (channel.startsWith('pull ')) this.lastPullAt.set(channel.slice('pull '.length), this.lastSyncAt);
    }
    if (changed || roundDone) this.emit();
  }

  /** A request on `channel` ("pull orders", "start") failed, and why. */
  failed(channel: string, why: SyncFailure): void {
    if (!this.running) return;
    this.failures.set(channel, problemOn(channel, why));
    this.emit();
  }

  setPending(collection: string, count: number): void {
    if (this.pending.get(collection) === count) return;
    this.pending.set(collection, count);
    this.emit();
  }

  setRefusals(count: number): void {
    this.refusals = count;
    this.emit();
  }

  complete(): void {
    this.subject.complete();
    this.perCollection.complete();
  }

  private emit(): void {
    if (this.subject.closed) return;
    let pendingUploads = 0;
    for (const n of this.pending.values()) pendingUploads += n;
    const streamsUp = this.streams.size > 0 && [...this.streams.values()].every(Boolean);
    const problem = this.failures.values().next().value ?? null;
    this.subject.next({ online: this.running && streamsUp && problem === null, pendingUploads, lastSyncAt: this.lastSyncAt, error: problem?.message ?? null, problem, refusals: this.refusals });
    this.perCollection.next(this.collectionStatuses());
  }

  private collectionStatuses(): Map<string, CollectionStatus> {
    const out = new Map<string, CollectionStatus>();
    for (const [name, phase] of this.phases) {
      // Channels are "<what> <collection>": pull, push and stream failures all count.
      let problem: SyncProblem | null = null;
      for (const p of this.failures.values()) {
        if (p.collection === name) {
          problem = p;
          break;
        }
      }
      const downloaded = phase === 'first-sync' ? (this.downloaded.get(name) ?? 0) : null;
      out.set(name, { phase, pending: this.pending.get(name) ?? 0, lastPullAt: this.lastPullAt.get(name) ?? null, error: problem?.message ?? null, problem, downloaded });
    }
    return out;
  }
}
