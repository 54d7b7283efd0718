import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, freePort } from '../../scripts/demo-server.ts';
import { ensureRendererBuilt } from '../../scripts/renderer-build.ts';

/**
 * One real server for the run: the built renderer, a fresh PGlite data folder with the demo seed,
 * on a free port. Tests isolate themselves by enrolling their own demo station (a new device,
 * its own browser context and IndexedDB).
 */
// oxlint-disable-next-line import/no-default-export -- Playwright loads globalSetup from the default export.
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'packline-e2e-'));
  const server = await startDemoServer({ dataDir, port: await freePort(), env: { PACKLINE_LOG_LEVEL: 'warn', PACKLINE_RATE_LIMIT: '1000000' } });
  process.env.PACKLINE_E2E_URL = server.url;
  process.env.PACKLINE_E2E_ADMIN_TOKEN = 'packline-demo-admin';
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
