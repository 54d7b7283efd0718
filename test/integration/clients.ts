/**
 * Replicas for the sync suites: Node RxDB clients on the memory storage that replicate with
 * a real test server over real HTTP, plus the server's view of the same collections.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createPacklineDatabase, type PacklineDatabase } from '../../renderer/db/database.ts';
import { pullPage } from '../../renderer/sync/http.ts';
import { startReplication, type StartReplicationOptions, type SyncClient, type SyncDatabase } from '../../renderer/sync/replication.ts';
import type { AnyDoc, CollectionName } from '../../shared/schema/collections.ts';
import { normalizeDoc } from '../../shared/sync/merge.ts';
import type { Checkpoint, WireDoc } from '../../shared/sync/protocol.ts';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Backend } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

export type Client<C extends CollectionName> = {
  name: string;
  db: PacklineDatabase<C>;
  sync: SyncClient;
  token: string;
};

const open = new Set<{ close(): Promise<void> }>();
let seq = 0;

/** Fast retries: the suites stop and restart servers and should not wait out 30 s delays. */
export const TEST_BACKOFF = { initialMs: 50, maxMs: 1000 };

export type ClientOptions = Partial<Pick<StartReplicationOptions, 'batchSize' | 'autoStart' | 'fetch' | 'requestTimeoutMs' | 'firstSync' | 'progressStorage'>>;

/**
 * A replica with only `collections` open (RxDB's open-source build allows 13 open
 * collections per process, so tests open what they need). Closed by closeClients().
 */
export async function openClient<C extends CollectionName>(server: TestServer, token: string, collections: readonly C[], opts: ClientOptions = {}): Promise<Client<C>> {
  seq += 1;
  const name = `client-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const db = await createPacklineDatabase({ name, storage: getRxStorageMemory(), collections, devMode: true });
  const sync = startReplication({ db, serverUrl: server.url, token, collections, backoff: TEST_BACKOFF, ...opts });
  const handle = {
    close: async () => {
      open.delete(handle);
      await sync.close();
      // remove(), not close(): the memory storage keeps closed databases' data for the process.
      await db.remove();
    },
  };
  open.add(handle);
  return { name, db, sync, token };
}

/** For afterEach: every client opened by openClient and still open. */
export async function closeClients(): Promise<void> {
  const all = [...open];
  const results = await Promise.allSettled(all.map((c) => c.close()));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * What every sync suite sets up for one backend: a fresh server (no seed) for the describe
 * block, given to `use` once started and stopped after the block, and every client closed
 * after each test.
 */
export function useSyncServer(backend: Backend, use: (server: TestServer) => void): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ backend, seed: 'none' });
    use(server);
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(closeClients);
}

/** Every document of a collection as `token` may pull it, pulled page by page like a client. */
export async function pullAll(server: TestServer, token: string, collection: CollectionName): Promise<WireDoc[]> {
  const out: WireDoc[] = [];
  let checkpoint: Checkpoint | null = null;
  const signal = new AbortController().signal;
  for (;;) {
    const page = await pullPage({ serverUrl: server.url, token, fetch }, collection, checkpoint, 1000, signal);
    out.push(...page.documents);
    if (page.documents.length < 1000 || page.checkpoint === null) return out;
    checkpoint = page.checkpoint;
  }
}

export type Rec = Record<string, unknown>;

const BOOKKEEPING = ['_deleted', '_meta', '_rev', '_attachments'];

/** A document as both sides should agree on it: canonical form, RxDB bookkeeping dropped. */
export function comparable(collection: CollectionName, doc: AnyDoc): Rec {
  const out: Rec = { ...normalizeDoc(collection, doc) };
  for (const k of BOOKKEEPING) delete out[k];
  return out;
}

function byId(a: Rec, b: Rec): number {
  return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
}

/** The live documents of a replica's collection, comparable and sorted by id. */
export async function localDocs(client: { db: SyncDatabase }, collection: CollectionName): Promise<Rec[]> {
  const coll = client.db.collections[collection];
  if (!coll) throw new Error(`the replica has no ${collection}`);
  const docs = await coll.find().exec();
  return docs.map((d) => comparable(collection, d.toMutableJSON())).sort(byId);
}

/** Whether the server holds a document as deleted (RxDB's `_deleted` flag on the wire). */
export function isDeleted(doc: WireDoc): boolean {
  return doc['_deleted'];
}

/** The live documents the server holds for `token` (its scope), comparable and sorted by id. */
export async function serverDocs(server: TestServer, token: string, collection: CollectionName): Promise<Rec[]> {
  const docs = await pullAll(server, token, collection);
  return docs
    .filter((d) => !isDeleted(d))
    .map((d) => comparable(collection, d))
    .sort(byId);
}

/**
 * Push what is pending, then pull what the others pushed: two rounds over every client, so
 * what one client learns from a conflict answer reaches the rest too.
 */
export async function syncAll(clients: readonly { sync: SyncClient }[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const c of clients) await c.sync.awaitInSync();
    for (const c of clients) c.sync.reSync();
  }
  for (const c of clients) await c.sync.awaitInSync();
}

/** Wait until `check` holds, polling; fails with `what` if it never does. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A promise and the function that resolves it. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  const box: { resolve?: (value: T) => void } = {};
  const promise = new Promise<T>((r) => {
    box.resolve = r;
  });
  return { promise, resolve: (value) => box.resolve?.(value) };
}
