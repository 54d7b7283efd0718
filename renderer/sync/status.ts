import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';

/** What the station's status bar shows (DESIGN.md: always visible). */
export type SyncStatus = {
  /** Every event stream is connected and no request is failing. */
  online: boolean;
  /** Local changes the server has not acknowledged yet. */
  pendingUploads: number;
  /** When a pull round or a push last completed (ms since epoch). */
  lastSyncAt: number | null;
  /** Why sync is not working, in words; null when it is. */
  error: string | null;
  /** Documents the server refused to write (the refusals collection). */
  refusals: number;
};

export const INITIAL_STATUS: SyncStatus = { online: false, pendingUploads: 0, lastSyncAt: null, error: null, refusals: 0 };

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return a.online === b.online && a.pendingUploads === b.pendingUploads && a.lastSyncAt === b.lastSyncAt && a.error === b.error && a.refusals === b.refusals;
}

/**
 * Collects the facts the status is made of and emits the status when it changes. Failures
 * are kept per channel ("pull orders", "stream orders", …) so one channel succeeding does
 * not hide another that is still failing.
 */
export class StatusBoard {
  private readonly subject = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  readonly status$: Observable<SyncStatus> = this.subject.pipe(distinctUntilChanged(sameStatus));

  private running = false;
  private readonly streams = new Map<string, boolean>();
  private readonly failures = new Map<string, string>();
  private readonly pending = new Map<string, number>();
  private refusals = 0;
  private lastSyncAt: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  get value(): SyncStatus {
    return this.subject.getValue();
  }

  setRunning(running: boolean, streamNames: readonly string[] = []): void {
    this.running = running;
    this.streams.clear();
    for (const name of streamNames) this.streams.set(name, false);
    if (!running) this.failures.clear();
    this.emit();
  }

  streamState(name: string, connected: boolean, error: string | null): void {
    if (!this.running || !this.streams.has(name)) return;
    this.streams.set(name, connected);
    if (connected || error === null) this.failures.delete(`stream ${name}`);
    else this.failures.set(`stream ${name}`, error);
    this.emit();
  }

  succeeded(channel: string, roundDone: boolean): void {
    const changed = this.failures.delete(channel);
    if (roundDone) this.lastSyncAt = this.now();
    if (changed || roundDone) this.emit();
  }

  failed(channel: string, message: string): void {
    if (!this.running) return;
    this.failures.set(channel, message);
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
  }

  private emit(): void {
    if (this.subject.closed) return;
    let pendingUploads = 0;
    for (const n of this.pending.values()) pendingUploads += n;
    const streamsUp = this.streams.size > 0 && [...this.streams.values()].every(Boolean);
    const error = this.failures.values().next().value ?? null;
    this.subject.next({ online: this.running && streamsUp && error === null, pendingUploads, lastSyncAt: this.lastSyncAt, error, refusals: this.refusals });
  }
}
