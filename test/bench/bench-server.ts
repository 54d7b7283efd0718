/**
 * A real server for the benchmark, outside vitest (test/support/server.ts needs vitest's
 * inject): server/app.ts in a child process (bench-serve.ts) on 127.0.0.1, over a fresh
 * PGlite directory or a fresh database on a PostgreSQL server.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Config } from '../../server/config.ts';
import { formatHlc } from '../../shared/clock/hlc.ts';
import { newId } from '../../shared/ids.ts';
import type { Site } from '../../shared/schema/sites.ts';

export type BenchBackend = 'pglite' | 'postgres';

export type BenchServer = { backend: BenchBackend; url: string; adminToken: string; stop(): Promise<void> };

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startBenchServer(backend: BenchBackend, pgAdminUrl: string | null): Promise<BenchServer> {
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  let databaseUrl: string | null = null;
  let dbName = '';
  if (backend === 'postgres') {
    if (pgAdminUrl === null) throw new Error('no PostgreSQL for the benchmark');
    dbName = `packline_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(pgAdminUrl, `CREATE DATABASE ${dbName}`);
    const u = new URL(pgAdminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const dataDir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'packline-bench-')) : '';
  const config: Config = {
    host: '127.0.0.1',
    port: 0,
    databaseUrl,
    dataDir,
    adminToken,
    adminTokenIsDemo: false,
    seed: 'none',
    logLevel: process.env.PACKLINE_LOG_LEVEL ?? 'silent',
    bodyLimit: 16 * 1024 * 1024,
    rateLimit: 100_000_000,
    enrolRateLimit: 1_000_000,
  };
  // BENCH_SERVER_PROFILE=<dir>: the server process writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_SERVER_PROFILE;
  const profile = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(import.meta.dirname, 'bench-serve.ts'), JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(portOf(line));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
  });
  return {
    backend,
    url: `http://${config.host}:${port}`,
    adminToken,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
      if (pgAdminUrl !== null && dbName !== '') await adminQuery(pgAdminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

function portOf(line: string): number {
  const parsed: unknown = JSON.parse(line);
  const port = typeof parsed === 'object' && parsed !== null && 'port' in parsed ? parsed.port : undefined;
  if (typeof port !== 'number') throw new Error(`bench server said ${line}`);
  return port;
}

async function call(server: BenchServer, path: string, body: unknown, token: string | null): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(v: unknown, key: string): string {
  const x = isRecord(v) ? v[key] : undefined;
  if (typeof x !== 'string') throw new Error(`expected a string ${key} in ${JSON.stringify(v)}`);
  return x;
}

/** A site written as admin through the sync push, as a manager's browser would. */
export async function benchSite(server: BenchServer, code: string): Promise<string> {
  const site: Site & { _deleted: boolean } = {
    id: newId(),
    code,
    name: `Bench ${code}`,
    country: 'ES',
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    locale: 'es-ES',
    address: { name: `Bench ${code}`, line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    hlc: formatHlc({ ms: Date.now(), counter: 0, node: 'bench' }),
    _deleted: false,
  };
  await call(server, '/api/v1/sync/sites/push', [{ newDocumentState: site }], server.adminToken);
  return site.id;
}

/** A station of `siteId`, created and enrolled: its token and device id. */
export async function benchStation(server: BenchServer, siteId: string, name: string): Promise<{ token: string; deviceId: string }> {
  const device = await call(server, '/api/v1/devices', { siteId, name }, server.adminToken);
  const enrolled = await call(server, '/api/v1/enrol', { code: field(device, 'enrolmentCode') }, null);
  return { token: field(enrolled, 'token'), deviceId: field(enrolled, 'deviceId') };
}
