import { createRevision, getHeightOfRevision, type RxCollection, type RxDocumentData } from 'rxdb';
import type { WireDoc } from '../../shared/sync/protocol.ts';

/**
 * RxDB's mark on a document the replication wrote from the server (read from
 * rxdb/src/replication-protocol/downstream.ts): `_meta.o.hash` is the hash of the
 * replication's identifier, `_meta.o._rev` the height of the revision it wrote. A fork
 * document so marked, at that height, is known to be the server's state even without a row
 * in the replication's meta instance; any local change raises the height past the mark.
 */
export type PulledMark = { hash: string; _rev: number };

/** The hash RxDB's replication `replicationIdentifier` marks its pulled documents with. */
export function pulledMarkHash(collection: RxCollection, replicationIdentifier: string): Promise<string> {
  return collection.database.hashFunction(`rxdbreplication${replicationIdentifier}`);
}

/** Whether a stored document is, untouched, the state a replication with this hash wrote from the server. */
export function isUntouchedPull(doc: RxDocumentData<WireDoc>, hash: string): boolean {
  const mark: unknown = doc['_meta']['o'];
  if (typeof mark !== 'object' || mark === null) return false;
  const m: Partial<PulledMark> = mark;
  return m.hash === hash && m['_rev'] === getHeightOfRevision(doc['_rev']);
}

/** A pulled document as the store keeps it, marked as pulled (over `previous`, if given). */
export function stamped(doc: WireDoc, hash: string, lwt: number, previous?: RxDocumentData<WireDoc>): RxDocumentData<WireDoc> {
  const rev = createRevision(hash, previous);
  return { ...doc, _meta: { lwt, o: { hash, _rev: getHeightOfRevision(rev) } }, _rev: rev, _attachments: {} };
}
