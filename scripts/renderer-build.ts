import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_DIST = join(ROOT, 'dist/renderer');

/** Newest modification time under the given paths (files or folders), in ms. */
function newest(paths: readonly string[]): number {
  let max = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) max = Math.max(max, newest(readdirSync(p).map((n) => join(p, n))));
    else max = Math.max(max, st.mtimeMs);
  }
  return max;
}

/** The renderer bundle is missing, or older than a source it is built from. */
export function rendererIsStale(): boolean {
  const index = join(RENDERER_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'].map((p) => join(ROOT, p));
  return newest(sources) > statSync(index).mtimeMs;
}

/** Builds the renderer with Vite when it is missing or stale; returns whether it built. */
export function ensureRendererBuilt(log: (line: string) => void = console.log): boolean {
  if (!rendererIsStale()) return false;
  log('Building the renderer (dist/renderer is missing or older than its sources)…');
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  return true;
}
