import { getChangedDocumentsSince, now, type BulkWriteRow, type RxCollection, type RxDocumentData, type RxStorageWriteError } from 'rxdb';
import { collections, type CollectionName } from '../../shared/schema/collections.ts';
import type { Checkpoint, PullResponse } from '../../shared/sync/protocol.ts';
import type { SyncStorage } from '../app/station-storage.ts';
import { Backoff } from './backoff.ts';
import { isAbortError, pullPage } from './http.ts';
import { retrying, type LaneContext, type LaneDoc } from './lane.ts';
import { failureOf } from './problem.ts';
import { isUntouchedPull, stamped } from './pulled-mark.ts';

/**
 * The context of the first sync's writes. It starts like the context of RxDB's own downstream
 * writes, so whatever tells pulled from local writes by context (PendingUploads) counts them
 * as pulled: they are the server's state, not changes waiting to go up.
 */
export const BOOTSTRAP_CONTEXT = 'replication-downstream-packline-first-sync';

/**
 * Which collections a first sync fills. Without the server's state on record, a document's
 * first push goes without an assumed state. The server merges event logs (orders, shipments)
 * whatever it is told and never changes a movement, so their answers need no assumed state;
 * an LWW document (sites, products, customers, staff) would then leave a refusal looking like
 * a conflict (conflicts.ts) and be refused twice. Those collections are small: the
 * replication pulls them itself.
 */
export function firstSyncApplies(name: CollectionName): boolean {
  return collections[name].merge !== 'lww';
}

/** Where the replication starts after a first sync: RxDB's `initialCheckpoint`s. */
export type FirstSyncResult = {
  /** The server checkpoint after the last page written (null: the server had nothing). */
  pull: Checkpoint | null;
  /**
   * The local store's checkpoint the upstream starts after: the first sync's own writes are
   * the server's state and are not pushed back. A change made on this station while the first
   * sync ran lies after it, so the upstream still finds and pushes it.
   */
  push: unknown;
};

type Watch = { own: { lwt: number; checkpoint: unknown }[]; firstLocalLwt: number };

/**
 * Where a first sync has got to, kept after every page written so a first sync cut short (the
 * app closed, the tab reloaded) resumes there instead of the replication pulling everything
 * again. Dropped once the replication has taken over (its own checkpoints are then stored).
 */
export type FirstSyncProgress = {
  load(): FirstSyncResult | null;
  save(at: FirstSyncResult): void;
  clear(): void;
};

/** A first sync's progress under `key` in a synchronous key-value store (localStorage in the app). */
export function storedProgress(storage: SyncStorage, key: string): FirstSyncProgress {
  return {
    load: () => {
      const text = storage.getItem(key);
      if (text === null) return null;
      try {
        const value: unknown = JSON.parse(text);
        return isProgress(value) ? { pull: value.pull, push: value.push } : null;
      } catch {
        return null;
      }
    },
    save: (at) => storage.setItem(key, JSON.stringify(at)),
    clear: () => storage.removeItem(key),
  };
}

function isProgress(value: unknown): value is FirstSyncResult {
  if (typeof value !== 'object' || value === null || !('pull' in value)) return false;
  const pull: unknown = value.pull;
  return typeof pull === 'object' && pull !== null && 'xid' in pull && typeof pull.xid === 'string' && 'id' in pull && typeof pull.id === 'string';
}

/**
 * The first sync of a collection that holds nothing yet (a new station, a browser's first
 * visit): pages are pulled one ahead of the writes and each is written to the store in one
 * bulk write, marked the way RxDB's downstream marks what it pulled. RxDB's replication
 * writes every pulled document twice (the store, and its meta instance's copy of the
 * server's state) after reading both for it; a first sync has nothing to compare with, so
 * it writes each document once. The replication then starts from the returned checkpoints.
 *
 * A first sync cut short resumes from the progress saved after its last page written. The
 * download starts once `turn` resolves (first syncs take turns, see replication.ts).
 *
 * Returns null when the collection already holds documents and no cut-short first sync is on
 * record (it writes nothing then, and the replication's own path applies) or when it gives
 * up on an error the replication reports better (a document the local schema refuses):
 * starting from no checkpoint, the replication pulls everything again and takes the pages
 * already written as the server's state (they carry the mark). Throws only when
 * `ctx.signal` aborts.
 */
export async function firstSync(
  name: CollectionName,
  collection: RxCollection<LaneDoc>,
  ctx: LaneContext,
  hash: string,
  progress: FirstSyncProgress,
  turn: Promise<unknown> = Promise.resolve(),
): Promise<FirstSyncResult | null> {
  const storage = collection.storageInstance;
  const watch: Watch = { own: [], firstLocalLwt: Number.POSITIVE_INFINITY };
  const sub = storage.changeStream().subscribe((bulk) => {
    if (bulk.context === BOOTSTRAP_CONTEXT) {
      const lwt = bulk.events.reduce((m, e) => Math.max(m, e.documentData['_meta'].lwt), 0);
      watch.own.push({ lwt, checkpoint: bulk.checkpoint });
    } else {
      for (const e of bulk.events) watch.firstLocalLwt = Math.min(watch.firstLocalLwt, e.documentData['_meta'].lwt);
    }
  });
  try {
    const any = await getChangedDocumentsSince(storage, 1, undefined);
    // A store holding documents is either done with its first sync (the replication goes on
    // from its own checkpoints) or was cut short in one, which resumes where it got to. There,
    // changes may have been made on this station since, unseen by this watch: the upstream
    // starts where the cut-short sync's own writes did and pushes whatever came after, less
    // the untouched pulls (the lane's push handler drops those).
    const resumed = any.documents.length > 0 ? progress.load() : null;
    if (any.documents.length > 0 && resumed === null) return null;
    if (resumed === null) progress.clear();
    const pushFrom = (): unknown => (resumed === null ? pushCheckpoint(watch) : resumed.push);
    // Whether to download is decided at once, while the store is as the station left it; the
    // download waits for its turn. A change made here meanwhile is seen by the watch and pushed.
    await turn;
    ctx.signal.throwIfAborted();
    ctx.board.setPhase(name, 'first-sync');

    const backoff = new Backoff(ctx.backoff);
    const fetchPage = (checkpoint: Checkpoint | null): Promise<PullResponse<LaneDoc>> =>
      retrying<PullResponse<LaneDoc>>(ctx, `pull ${name}`, backoff, (r) => r.documents.length < ctx.pullBatchSize, (signal) =>
        pullPage(ctx.http, name, checkpoint, ctx.pullBatchSize, signal),
      );

    let checkpoint: Checkpoint | null = resumed?.pull ?? null;
    // Counted from this run's first page; the board shows 0 until one is written.
    let written = 0;
    let next = fetchPage(checkpoint);
    for (;;) {
      const page = await next;
      const last = page.documents.length < ctx.pullBatchSize;
      const after: Checkpoint | null = page.checkpoint ?? checkpoint;
      // The next page comes over the network while this one is written.
      if (!last) {
        next = fetchPage(after);
        // Awaited on the next turn; until then a rejection (an abort) must not go unhandled.
        next.catch(() => {});
      }
      if (page.documents.length > 0) {
        const ok = await writePage(collection, page.documents, hash);
        if (!ok) {
          progress.clear();
          return null;
        }
        written += page.documents.length;
        ctx.board.setDownloaded(name, written);
      }
      checkpoint = after;
      if (checkpoint !== null) progress.save({ pull: checkpoint, push: pushFrom() });
      ctx.signal.throwIfAborted();
      if (last) break;
    }
    return { pull: checkpoint, push: pushFrom() };
  } catch (err) {
    if (ctx.signal.aborted || isAbortError(err)) throw err;
    ctx.board.failed(`pull ${name}`, failureOf(err, { prefix: `first sync of ${name}` }));
    progress.clear();
    return null;
  } finally {
    sub.unsubscribe();
  }
}

/** The latest of the first sync's own writes that came before any local change. */
function pushCheckpoint(watch: Watch): unknown {
  let found: { lwt: number; checkpoint: unknown } | undefined;
  for (const own of watch.own) if (own.lwt < watch.firstLocalLwt && (found === undefined || own.lwt > found.lwt)) found = own;
  return found?.checkpoint;
}

/**
 * One page in one bulk write. A document already in the store (it changed on the server
 * while the first sync ran, so a later page has it again) replaces the earlier copy, unless
 * a local change was made to it meanwhile: the upstream pushes that change and the server
 * merges the two.
 * Returns false when the store refused a document for another reason than a conflict.
 */
async function writePage(collection: RxCollection<LaneDoc>, docs: readonly LaneDoc[], hash: string): Promise<boolean> {
  // The storage under RxDB's wrapper: the wrapper gives every insert a fresh `_meta` and its
  // own revision, which would drop the mark. Writing under it is what RxDB's wrapper does
  // itself once it has stamped a row, in the database's lock.
  const storage = collection.storageInstance.originalStorageInstance;
  const write = (rows: BulkWriteRow<LaneDoc>[]) => collection.database.lockedRun(() => storage.bulkWrite(rows, BOOTSTRAP_CONTEXT));
  const lwt = now();
  // The newest version of each id: the server sends one per document and page, but be sure.
  const byId = new Map<string, LaneDoc>();
  for (const d of docs) byId.set(d.id, d);
  const rows: BulkWriteRow<LaneDoc>[] = [...byId.values()].map((d) => ({ document: stamped(d, hash, lwt) }));
  const result = await write(rows);
  const retry: BulkWriteRow<LaneDoc>[] = [];
  for (const error of result.error) {
    if (!isConflict(error)) return false;
    const inDb = error.documentInDb;
    const doc = byId.get(error.documentId);
    if (doc !== undefined && isUntouchedPull(inDb, hash)) retry.push({ previous: inDb, document: stamped(doc, hash, lwt, inDb) });
  }
  if (retry.length === 0) return true;
  const again = await write(retry);
  // A conflict now is a local change that came in between: the upstream pushes it.
  return again.error.every(isConflict);
}

function isConflict(error: RxStorageWriteError<LaneDoc>): error is RxStorageWriteError<LaneDoc> & { status: 409; documentInDb: RxDocumentData<LaneDoc> } {
  return error.status === 409 && 'documentInDb' in error && error.documentInDb !== undefined;
}
