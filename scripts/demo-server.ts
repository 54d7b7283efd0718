import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './renderer-build.ts';

export type RunningServer = { url: string; child: ChildProcess; stop(): Promise<void> };

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `server/main.ts --demo` (embedded PGlite in `dataDir`, demo seed, the built renderer at /)
 * as a child process and resolves once /healthz answers.
 */
export async function startDemoServer(opts: { dataDir: string; port: number; env?: Record<string, string>; stdio?: 'inherit' | 'ignore' | 'pipe' }): Promise<RunningServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port), PACKLINE_DATA_DIR: opts.dataDir, PACKLINE_SEED: 'demo', ...opts.env },
    stdio: opts.stdio ?? 'inherit',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const ended = await Promise.race([exited, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 500))]);
    if (ended !== 'waiting') throw new Error(`the Packline server exited (code ${String(ended)}) before it was ready`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet: the demo seed takes a while on first start.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the Packline server did not answer ${url}/healthz within 3 minutes`);
    }
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function adminCall(url: string, adminToken: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

function field(v: unknown, key: string): unknown {
  if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
  const value: unknown = Reflect.get(v, key);
  return value;
}

/**
 * A one-time enrolment code for a new station of the demo site `siteCode`, made with the
 * admin token as a manager would: `npm start` hands it to the desktop app, whose main
 * process enrols with it (main/provision.ts).
 */
export async function demoEnrolmentCode(url: string, adminToken: string, siteCode = 'MAD'): Promise<string> {
  const page = await adminCall(url, adminToken, '/sync/sites/pull?limit=1000');
  const sites = field(page, 'documents');
  const site = Array.isArray(sites) ? sites.find((s: unknown) => field(s, 'code') === siteCode) : undefined;
  const siteId = field(site, 'id');
  if (typeof siteId !== 'string') throw new Error(`the demo has no site ${siteCode}`);
  const device = await adminCall(url, adminToken, '/devices', { siteId, name: `Desktop station ${siteCode}` });
  const code = field(device, 'enrolmentCode');
  if (typeof code !== 'string') throw new Error('the server made a station but sent no enrolment code');
  return code;
}
