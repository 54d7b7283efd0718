import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { uuidv7 } from 'uuidv7';
import { buildApp, type App } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import { formatHlc } from '../../shared/clock/hlc.ts';
import type { StaffRole } from '../../shared/schema/common.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { createTestDatabase, type Backend } from './backends.ts';

export type { Backend } from './backends.ts';

export type TestServer = {
  url: string;
  adminToken: string;
  backend: Backend;
  /** The PostgreSQL database URL (null on PGlite), for a second connection in tests. */
  databaseUrl: string | null;
  /** The running app, e.g. to inspect `hub.streams`; replaced by restart(). */
  readonly app: App;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** run SQL directly for assertions */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type StartOptions = {
  backend: Backend;
  seed?: 'demo' | 'none';
  /** Overrides for server/config.ts fields (limits, rate limits); tests default to generous limits. */
  config?: Partial<Config>;
};

const HOST = '127.0.0.1';

let template: Promise<string> | null = null;

/**
 * A freshly initialised PGlite directory, made once per machine and PGlite version and
 * copied for each server: initdb takes seconds, a copy a fraction of one. Published by an
 * atomic rename, so concurrent workers never see half a template.
 */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const pkg = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
    const meta: { version: string } = JSON.parse(readFileSync(pkg, 'utf8'));
    const dir = join(tmpdir(), `packline-pglite-template-${meta.version}`);
    if (existsSync(dir)) return dir;
    const tmp = mkdtempSync(join(tmpdir(), 'packline-pglite-tpl-'));
    const db = await PGlite.create(tmp);
    await db.close();
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    return dir;
  })();
  return template;
}

async function freshPgliteDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'packline-test-'));
  cpSync(await pgliteTemplate(), dir, { recursive: true });
  return dir;
}

/**
 * A real server on 127.0.0.1 (random port) over a fresh database: a new PGlite directory,
 * or a new database on the run's PostgreSQL. Logs are silent unless PACKLINE_LOG_LEVEL is set.
 */
export async function startTestServer(opts: StartOptions): Promise<TestServer> {
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const pgDb = opts.backend === 'postgres' ? await createTestDatabase() : null;
  const dataDir = opts.backend === 'pglite' ? await freshPgliteDir() : '';
  const config: Config = {
    host: HOST,
    port: 0,
    databaseUrl: pgDb?.url ?? null,
    dataDir,
    adminToken,
    adminTokenIsDemo: false,
    seed: opts.seed ?? 'none',
    logLevel: process.env.PACKLINE_LOG_LEVEL ?? 'silent',
    bodyLimit: 8 * 1024 * 1024,
    // Suites hammer one server from one IP; the limits themselves have their own tests.
    rateLimit: 10_000_000,
    enrolRateLimit: 1_000_000,
    ...opts.config,
  };

  let app = await buildApp(config);
  let port = await listen(app, 0);
  let url = `http://${HOST}:${port}`;
  let stopped = false;

  return {
    get url() {
      return url;
    },
    adminToken,
    backend: opts.backend,
    databaseUrl: pgDb?.url ?? null,
    get app() {
      return app;
    },
    async restart() {
      await app.close();
      app = await buildApp(config);
      try {
        port = await listen(app, port);
      } catch {
        // Someone took the port meanwhile: carry on elsewhere (url changes).
        port = await listen(app, 0);
      }
      url = `http://${HOST}:${port}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      if (pgDb !== null) await pgDb.drop();
      if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
    },
    query: <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => app.db.query<T>(sql, params),
  };
}

async function listen(app: App, port: number): Promise<number> {
  await app.app.listen({ host: HOST, port });
  const addr = app.app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('server has no TCP address');
  return addr.port;
}

/**
 * The answer to an API call. `body` is the parsed JSON (null when empty), typed loosely on
 * purpose: tests assert its shape.
 */
// oxlint-disable-next-line typescript/no-explicit-any -- see above
export type ApiResult = { status: number; body: any; headers: Headers };

/** JSON request helper. */
export async function api(
  server: Pick<TestServer, 'url'>,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method, headers: { ...headers, ...opts.headers }, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

async function ok(res: Promise<ApiResult>, what: string): Promise<ApiResult['body']> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A valid sites document for `code` (2-8 capital letters or digits). */
export function siteDoc(code: string, id: string = uuidv7()): Site {
  return {
    id,
    code,
    name: `Site ${code}`,
    country: 'ES',
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    locale: 'es-ES',
    address: { name: `Packline ${code}`, line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    hlc: formatHlc({ ms: Date.now(), counter: 0, node: 'test' }),
  };
}

/** Writes a sites document via push as admin. */
export async function makeSite(server: TestServer, code: string): Promise<{ siteId: string }> {
  const site = siteDoc(code);
  await ok(api(server, 'POST', '/api/v1/sync/sites/push', { token: server.adminToken, body: [{ newDocumentState: { ...site, _deleted: false } }] }), 'site push');
  const rows = await server.query(`SELECT 1 FROM documents WHERE collection = 'sites' AND id = $1`, [site.id]);
  if (rows.length === 0) {
    const refusal = await server.query<{ message: string }>(
      `SELECT doc->>'message' AS message FROM documents WHERE collection = 'refusals' AND doc->>'documentId' = $1`,
      [site.id],
    );
    throw new Error(`site ${code} was refused: ${refusal[0]?.message ?? 'unknown reason'}`);
  }
  return { siteId: site.id };
}

/** Creates a station of `siteId` as admin and enrols it: its bearer token and device id. */
export async function enrolStation(server: TestServer, siteId: string, name = 'Test station'): Promise<{ token: string; deviceId: string }> {
  const device: { enrolmentCode: string } = await ok(api(server, 'POST', '/api/v1/devices', { token: server.adminToken, body: { siteId, name } }), 'device creation');
  const enrolled: { token: string; deviceId: string } = await ok(api(server, 'POST', '/api/v1/enrol', { body: { code: device.enrolmentCode } }), 'enrolment');
  return { token: enrolled.token, deviceId: enrolled.deviceId };
}

/** A person token with `role`, bound to `siteId` (null: all sites). */
export async function personToken(server: TestServer, role: StaffRole, siteId: string | null): Promise<string> {
  const person: { token: string } = await ok(
    api(server, 'POST', '/api/v1/people', { token: server.adminToken, body: { name: `Test ${role}`, role, siteId } }),
    'person creation',
  );
  return person.token;
}
