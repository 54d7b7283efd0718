import type { RxConflictHandler } from 'rxdb';
import { collections, type CollectionName } from '../../shared/schema/collections.ts';

/**
 * The collection's merge (shared/sync/merge.ts), plus what the replication protocol tells us
 * about refusals. The server answers a refused row with its own copy, as a conflict, so the
 * station drops what it may not write. Merging that copy with ours would bring our change
 * back (an LWW edit with a newer clock, a movement whose JSON sorts first) and push it again,
 * forever, a new refusal each time. A refusal is recognisable: a true conflict means someone
 * else wrote since we last saw the document, so the server's copy differs from the one we
 * assumed; when it is the one we assumed, nothing was merged: the server said no. Movements
 * are refused whenever they differ from the server's, so for them the server's copy always wins.
 *
 * A first sync (bootstrap.ts) keeps no copy of the server's state, so the first push of an
 * order or shipment it pulled goes without an assumed state. The server's answer to an event
 * log then holds every event of ours it accepted (it merged them in, or it refused): it wins.
 */
export function withRefusals<D>(collection: CollectionName, merge: RxConflictHandler<D>): RxConflictHandler<D> {
  const kind = collections[collection].merge;
  const serverWins = kind === 'immutable';
  return {
    isEqual: merge.isEqual,
    resolve: (input, context) => {
      const assumed = input.assumedMasterState;
      const refused = assumed !== undefined && merge.isEqual(assumed, input.realMasterState, context);
      const mergedByServer = assumed === undefined && kind === 'events';
      return serverWins || refused || mergedByServer ? Promise.resolve(input.realMasterState) : merge.resolve(input, context);
    },
  };
}
