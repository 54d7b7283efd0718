import { addRxPlugin, createRxDatabase, overwritable, type MigrationStrategies, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { collectionNames, type CollectionName, type DocOf } from '../../shared/schema/collections.ts';
import { toRxSchema, type RxSchemaLiteral } from '../../shared/schema/rx.ts';
import { makeConflictHandler } from '../../shared/sync/merge.ts';
import { withRefusals } from '../sync/conflicts.ts';

export type PacklineCollection<C extends CollectionName> = RxCollection<DocOf<C>>;
export type PacklineCollections<C extends CollectionName = CollectionName> = { [K in C]: PacklineCollection<K> };
export type PacklineDatabase<C extends CollectionName = CollectionName> = RxDatabase<PacklineCollections<C>>;

export type PacklineDatabaseOptions<C extends CollectionName> = {
  /** Database name; with the memory storage every client of one process needs its own. */
  name: string;
  // oxlint-disable-next-line typescript/no-explicit-any -- RxStorage's type parameters are storage-specific internals.
  storage: RxStorage<any, any>;
  /**
   * Which collections to open (default: all). RxDB's open-source build allows 13 open
   * collections per process across databases, so tests that run several clients in one
   * process open only what they need.
   */
  collections?: readonly C[];
  /**
   * RxDB dev-mode: schema checks on every write and frozen documents. Slow; for tests and
   * development builds only.
   */
  devMode?: boolean;
  /** Several tabs on one storage (browser). Off by default: Electron has one window per store. */
  multiInstance?: boolean;
};

let devModeAdded = false;

/**
 * Every schema version so far changed indexes only, never a document's shape, so each step
 * keeps the document as it is. A version that changes the shape needs its own step here.
 */
export function migrationStrategies(version: number): MigrationStrategies {
  const steps: MigrationStrategies = {};
  for (let v = 1; v <= version; v++) steps[v] = (doc: unknown) => doc;
  return steps;
}

/**
 * Opens the local store with the shared schemas and, per collection, the conflict handler
 * that merges the same way the server does (shared/sync/merge.ts), so a conflict resolved
 * on a station lands on the state the server would have made, and that gives way when the
 * server refused a change (renderer/sync/conflicts.ts).
 */
export async function createPacklineDatabase<C extends CollectionName = CollectionName>(
  opts: PacklineDatabaseOptions<C>,
): Promise<PacklineDatabase<C>> {
  if (opts.devMode && !devModeAdded) {
    // Loaded only when asked for: the app's bundle carries neither dev-mode nor ajv.
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    // The plugin's console banner only says dev-mode is on, which the caller asked for.
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  addRxPlugin(RxDBMigrationSchemaPlugin);
  // Dev-mode is process-wide once added and then refuses any storage without a validator,
  // so validate whenever it is on, not only when this caller asked for it.
  const validate = (opts.devMode === true || overwritable.isDevMode()) && !opts.storage.name.startsWith('validate-');
  const storage = validate ? (await import('rxdb/plugins/validate-ajv')).wrappedValidateAjvStorage({ storage: opts.storage }) : opts.storage;

  const wanted: readonly CollectionName[] = opts.collections ?? collectionNames;
  const names = wanted.filter((n, i) => wanted.indexOf(n) === i);
  const db = await createRxDatabase<PacklineCollections<C>>({
    name: opts.name,
    storage,
    multiInstance: opts.multiInstance ?? false,
    eventReduce: true,
  });
  try {
    const creators: Record<string, RxCollectionCreator> = {};
    for (const name of names) {
      const schema = rxSchemaOf(name);
      creators[name] = {
        schema,
        migrationStrategies: migrationStrategies(schema.version),
        conflictHandler: withRefusals(name, makeConflictHandler(name)),
      };
    }
    await db.addCollections(creators);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/**
 * The shared RxDB schema, checked into RxDB's schema type: toRxSchema builds it from the
 * TypeBox object, whose JSON Schema TypeScript only knows as a record of unknowns.
 */
function rxSchemaOf(name: CollectionName): RxJsonSchema<DocOf<CollectionName>> {
  const schema = toRxSchema(name);
  if (!isRxJsonSchema(schema)) throw new Error(`toRxSchema(${name}) is not an RxDB schema`);
  return schema;
}

function isRxJsonSchema(s: RxSchemaLiteral): s is RxSchemaLiteral & RxJsonSchema<DocOf<CollectionName>> {
  return s.type === 'object' && s.primaryKey === 'id' && typeof s.version === 'number' && Object.values(s.properties).every((p) => typeof p === 'object' && p !== null);
}

/** The replicated collections a database has open, in the shared order. */
export function openCollectionNames(db: RxDatabase): CollectionName[] {
  return collectionNames.filter((n) => Object.hasOwn(db.collections, n));
}
