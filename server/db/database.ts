import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { Client, Pool, TypeOverrides, escapeIdentifier } from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Tables } from './tables.ts';

export type DbKind = 'postgres' | 'pglite';

/** A LISTEN subscription on a dedicated connection (PostgreSQL only). */
export type Listener = { close(): Promise<void> };

export type Db = {
  readonly kind: DbKind;
  readonly kysely: Kysely<Tables>;
  /** Raw SQL with positional parameters, for tests and one-off statements. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * LISTEN on `channel` from a connection of its own, reconnecting after errors;
   * `onReconnect` runs after a reconnection, when notifications may have been missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect: () => void): Promise<Listener>;
  close(): Promise<void>;
};

type Log = { warn(obj: object, msg: string): void };

/**
 * Statements whose text starts with this comment are prepared once per connection (a named
 * statement) and their plan reused: the sync hot path runs the same few statements thousands
 * of times, and planning them (about 0.5 ms each) costs more than running them. Only fixed
 * texts are marked, so a connection holds a handful of them. PGlite runs them as they are.
 */
export const PREPARED = '/* prepared */';

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `packline_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Routes a marked statement of Kysely's (text, values) to pg's named-statement form. */
function prepareMarked(client: Client): void {
  const query: (...args: unknown[]) => unknown = client.query.bind(client);
  const marked = (...args: unknown[]): unknown => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && text.startsWith(PREPARED) && Array.isArray(values)) {
      return query({ name: statementName(text), text, values });
    }
    return query(...args);
  };
  Object.defineProperty(client, 'query', { value: marked, configurable: true, writable: true });
}

/** Both drivers agree on int8 as a JS number: counts and sequence values stay far below 2^53. */
const INT8_OID = 20;

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }, log: Log): Promise<Db> {
  return opts.databaseUrl === null ? openPglite(opts.dataDir) : openPostgres(opts.databaseUrl, log);
}

async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const pgl = await PGlite.create(dataDir, { parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) } });
  const kysely = new Kysely<Tables>({ dialect: new PGliteDialect(pgl) });
  return {
    kind: 'pglite',
    kysely,
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await kysely.executeQuery<T>(CompiledQuery.raw(text, [...params]))).rows,
    // One process owns a PGlite directory, so pokes are delivered in-process (server/sync/hub.ts).
    listen: async () => ({ close: async () => {} }),
    close: () => kysely.destroy(),
  };
}

async function openPostgres(url: string, log: Log): Promise<Db> {
  const types = new TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', (v: string) => Number(v));
  const pool = new Pool({ connectionString: url, max: 10, types });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => log.warn({ err }, 'idle PostgreSQL client failed'));
  pool.on('connect', prepareMarked);
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  await kysely.executeQuery(CompiledQuery.raw('SELECT 1'));
  return {
    kind: 'postgres',
    kysely,
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await kysely.executeQuery<T>(CompiledQuery.raw(text, [...params]))).rows,
    listen: (channel, onPayload, onReconnect) => listenPostgres(url, channel, onPayload, onReconnect, log),
    close: () => kysely.destroy(),
  };
}

async function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: () => void,
  log: Log,
): Promise<Listener> {
  let closed = false;
  let client: Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
    });
    const lost = (err: unknown): void => {
      if (client !== c) return;
      client = null;
      log.warn({ err }, 'LISTEN connection lost; reconnecting');
      c.removeAllListeners('notification');
      void c.end().catch(() => {});
      schedule();
    };
    c.on('error', lost);
    c.on('end', () => lost(new Error('connection ended')));
    await c.connect();
    await c.query(`LISTEN ${escapeIdentifier(channel)}`);
    client = c;
  };

  const schedule = (): void => {
    if (closed || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(onReconnect, (err: unknown) => {
        log.warn({ err }, 'LISTEN reconnection failed; retrying');
        schedule();
      });
    }, 1000);
    retry.unref();
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry !== null) clearTimeout(retry);
      const c = client;
      client = null;
      if (c !== null) await c.end().catch(() => {});
    },
  };
}
