import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getLastCheckpointDoc,
  writeDocToDocState,
  type EventBulk,
  type RxCollection,
  type RxStorageChangeEvent,
  type RxStorageInstanceReplicationState,
  type WithDeleted,
} from 'rxdb';
import type { Subscription } from 'rxjs';

const SEED_PAGE = 1000;

/** What a tracked document needs: an id, and RxDB's deleted flag as it travels. */
export type TrackedDoc = WithDeleted<{ id: string }>;

/**
 * Counts one collection's local changes that the server has not acknowledged.
 *
 * How a change is told apart (read from rxdb/src/replication-protocol): every write to a
 * collection's storage instance emits an event bulk carrying the `context` given to
 * bulkWrite(). The replication's downstream writes pulled documents with the context
 * `replication-downstream-<checkpointKey>`; those are the server's own state, never pending.
 * Every other write is pending: the app's own (`rx-collection-bulk-insert`,
 * `rx-document-save-data`, `incremental-write`, …) and `replication-up-write-conflict`,
 * the merged state a conflict left in the fork, which the upstream always pushes again
 * (its meta row is flagged `isResolvedConflict`, which skips the "already equal" shortcut).
 *
 * A pending document is acknowledged when the replication reports the very state we hold
 * as sent (`sent$`, emitted only for rows that did not conflict), or when the replication's
 * meta instance (the "assumed master state", what RxDB knows the server holds) equals it.
 * The second check runs whenever the replication goes idle; it catches what `sent$` cannot
 * see: a write that changed nothing (never pushed) and states pushed before this tracker
 * existed. At start, `seed()` finds the changes left unpushed by an earlier session (the
 * fork's changes since the upstream checkpoint that differ from the assumed master state),
 * so a station restarted offline still shows what waits to go up.
 */
export class PendingUploads<Doc extends TrackedDoc> {
  private readonly pending = new Map<string, Doc>();
  private readonly sub: Subscription;
  /**
   * `_meta.lwt` of the first write seen live. RxDB stamps writes with a process-monotonic
   * clock that runs ahead of Date.now() under bulk writes, so this, not the wall clock,
   * separates what the change stream counted from what happened before it was watched.
   */
  private firstLiveLwt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly collection: RxCollection<Doc>,
    private readonly onCount: (count: number) => void,
  ) {
    this.sub = collection.storageInstance.changeStream().subscribe((bulk) => this.onBulk(bulk));
  }

  get count(): number {
    return this.pending.size;
  }

  /** A state the server accepted (`sent$`). */
  acknowledge(doc: Doc): void {
    const mine = this.pending.get(doc.id);
    if (mine !== undefined && this.same(mine, doc)) {
      this.pending.delete(doc.id);
      this.onCount(this.pending.size);
    }
  }

  /** Drop every pending state that the server is known to hold already. */
  async reconcile(state: RxStorageInstanceReplicationState<Doc>): Promise<void> {
    if (this.pending.size === 0 || state.events.canceled.getValue()) return;
    const snapshot = new Map(this.pending);
    const master = await getAssumedMasterState(state, [...snapshot.keys()]);
    let changed = false;
    for (const [id, mine] of snapshot) {
      const known = master[id];
      // Only if no newer local write arrived while we looked.
      if (known !== undefined && this.pending.get(id) === mine && this.same(known.docData, mine)) {
        this.pending.delete(id);
        changed = true;
      }
    }
    if (changed) this.onCount(this.pending.size);
  }

  /**
   * Add the changes an earlier session left unpushed. The fork's changes come in `_meta.lwt`
   * order, so the scan stops at the first write this tracker saw live: from there on the
   * change stream already counted them.
   */
  async seed(state: RxStorageInstanceReplicationState<Doc>): Promise<void> {
    let checkpoint: unknown = await getLastCheckpointDoc(state, 'up');
    const found = new Map<string, Doc>();
    let done = false;
    while (!done && !state.events.canceled.getValue()) {
      const page = await getChangedDocumentsSince(state.input.forkInstance, SEED_PAGE, checkpoint);
      checkpoint = page.checkpoint;
      const older = page.documents.filter((d) => d['_meta'].lwt < this.firstLiveLwt);
      done = page.documents.length < SEED_PAGE || older.length < page.documents.length;
      if (older.length === 0) continue;
      const master = await getAssumedMasterState(state, older.map((d) => d.id));
      for (const full of older) {
        const doc = writeDocToDocState(full, false, false) as Doc;
        const known = master[doc.id];
        if (known === undefined || !this.same(known.docData, doc)) found.set(doc.id, doc);
      }
    }
    let changed = false;
    for (const [id, doc] of found) {
      // A change seen live since this tracker started is newer than what the scan read.
      if (!this.pending.has(id)) {
        this.pending.set(id, doc);
        changed = true;
      }
    }
    if (changed) this.onCount(this.pending.size);
  }

  close(): void {
    this.sub.unsubscribe();
  }

  private onBulk(bulk: EventBulk<RxStorageChangeEvent<Doc>, unknown>): void {
    const pulled = bulk.context.startsWith('replication-downstream-');
    for (const ev of bulk.events) {
      this.firstLiveLwt = Math.min(this.firstLiveLwt, ev.documentData['_meta'].lwt);
      // The downstream only overwrites a document whose local state the server already
      // holds (otherwise it leaves it to the upstream), so a pulled write clears it.
      if (pulled) this.pending.delete(ev.documentId);
      else this.pending.set(ev.documentId, writeDocToDocState(ev.documentData, false, false) as Doc);
    }
    this.onCount(this.pending.size);
  }

  /** The collection's own equality (shared/sync/merge.ts sameDoc), which also compares `_deleted`. */
  private same(a: Doc, b: Doc): boolean {
    return this.collection.conflictHandler.isEqual(a, b, 'packline-pending-uploads');
  }
}
