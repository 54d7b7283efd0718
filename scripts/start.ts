import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ADMIN_TOKEN } from '../server/config.ts';
import { demoEnrolmentCode, startDemoServer } from './demo-server.ts';
import { ensureRendererBuilt, ROOT } from './renderer-build.ts';

/**
 * `npm start`: the whole demo on one machine with nothing installed. Builds the renderer if
 * it is missing or stale, starts the server on embedded PGlite with demo data, then opens the
 * desktop app, or, where Electron's binary could not be downloaded, says where to point a browser.
 */

/**
 * The Electron binary's path, or null when its download never happened. Read from the package's
 * path.txt rather than require('electron'), which would try the (unreachable) download again.
 */
function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  const port = Number(process.env.PORT ?? 8080);
  const dataDir = process.env.PACKLINE_DATA_DIR ?? join(ROOT, '.packline-data');
  console.log(`Starting the Packline server with demo data in ${dataDir} (the first start seeds 5000 orders and takes a little while)…`);
  const server = await startDemoServer({ dataDir, port, env: { PACKLINE_LOG_LEVEL: process.env.PACKLINE_LOG_LEVEL ?? 'warn' } });
  const url = `${server.url}/`;

  const stopAll = (code: number): void => {
    void server.stop().then(() => process.exit(code));
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  server.child.once('exit', (code) => process.exit(code ?? 1));

  const electron = electronBinary();
  if (electron === null) {
    console.log(`No Electron binary is installed here (its download is unreachable), so Packline is served for a browser at ${url} — open it and choose Start the demo.`);
    return;
  }
  execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['main/build.ts'], { cwd: ROOT, stdio: 'inherit' });
  // The app enrols itself with this code as a station of the demo site MAD (a station enrolled
  // with this server already keeps its token and ignores it).
  const code = await demoEnrolmentCode(server.url, DEMO_ADMIN_TOKEN);
  console.log(`Opening the Packline desktop app as a demo station of MAD on ${server.url}; sign in with badge B-MAD-001 and PIN 1234.`);
  const env = { ...process.env, PACKLINE_RENDERER_DIR: join(ROOT, 'dist/renderer'), PACKLINE_ENROL_SERVER: server.url, PACKLINE_ENROL_CODE: code };
  const app = spawn(electron, [join(ROOT, 'dist/main/main.cjs')], { cwd: ROOT, stdio: 'inherit', env });
  app.once('exit', () => stopAll(0));
}

main().catch((err: unknown) => {
  console.error('npm start failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
