import type { Static, TSchema } from 'typebox';
import { Customer } from './customers.ts';
import { Movement } from './movements.ts';
import { Order } from './orders.ts';
import { Product } from './products.ts';
import { Refusal } from './refusals.ts';
import { Shipment } from './shipments.ts';
import { Site } from './sites.ts';
import { Staff } from './staff.ts';

/**
 * How a collection's documents are scoped:
 * - `site`: belongs to the site in its `siteId`; a station syncs only its own site's.
 * - `reference`: shared reference data every principal reads; only managers and admins write.
 * - `office`: read and written by people (customer service, managers), never by stations.
 */
export type ScopeKind = 'site' | 'reference' | 'office';

/**
 * How two versions of one document merge (shared/sync/merge.ts):
 * - `events`: union of the event logs by id, then fold; header fields last-writer-wins by `hlc`.
 * - `lww`: the version with the greater `hlc` wins whole.
 * - `immutable`: written once; a different second version is refused.
 * - `server`: written only by the server.
 */
export type MergeKind = 'events' | 'lww' | 'immutable' | 'server';

export type CollectionDef<S extends TSchema = TSchema> = {
  readonly schema: S;
  readonly scope: ScopeKind;
  readonly merge: MergeKind;
  /** RxDB indexes (fields must be required, strings bounded, integers with min, max and multipleOf). */
  readonly indexes: readonly (string | readonly string[])[];
  /**
   * The local RxDB schema's version: bumped whenever the schema or its indexes change, since
   * RxDB refuses to open stored data under a changed schema of the same version. The store
   * migrates on open (renderer/db/database.ts); absent = 0.
   */
  readonly version?: number;
};

function def<S extends TSchema>(d: CollectionDef<S>): CollectionDef<S> {
  return d;
}

/** Every replicated collection. RxDB's open-source build allows 13 open collections per process: keep this at 10 or fewer. */
export const collections = {
  sites: def({ schema: Site, scope: 'reference', merge: 'lww', indexes: ['code'] }),
  products: def({ schema: Product, scope: 'reference', merge: 'lww', indexes: ['sku'] }),
  customers: def({ schema: Customer, scope: 'office', merge: 'lww', indexes: ['email'] }),
  // Version 1: the queue index gained priority and number, so the pack queue reads only the rows it shows.
  orders: def({ schema: Order, scope: 'site', merge: 'events', indexes: ['number', ['siteId', 'status', 'shipBy', 'priority', 'number'], 'openExceptions'], version: 1 }),
  shipments: def({ schema: Shipment, scope: 'site', merge: 'events', indexes: ['orderId', 'trackingNumber', 'siteId'] }),
  movements: def({ schema: Movement, scope: 'site', merge: 'immutable', indexes: [['siteId', 'sku']] }),
  staff: def({ schema: Staff, scope: 'site', merge: 'lww', indexes: ['siteId', 'badgeCode'] }),
  refusals: def({ schema: Refusal, scope: 'site', merge: 'server', indexes: ['siteId'] }),
} as const;

export type Collections = typeof collections;
export type CollectionName = keyof Collections;
export type DocOf<C extends CollectionName> = Static<Collections[C]['schema']>;
export type AnyDoc = DocOf<CollectionName>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}

export const collectionNames: readonly CollectionName[] = Object.keys(collections).filter(isCollectionName);
