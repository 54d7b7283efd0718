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
