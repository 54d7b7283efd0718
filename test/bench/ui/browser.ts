/**
 * The UI benchmark's world: a real server over a seeded database serving the built renderer,
 * Debian's Chromium driven by Playwright, and a demo station enrolled and signed in through
 * the app's own screens.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { freePort, startDemoServer, type RunningServer } from '../../../scripts/demo-server.ts';
import { ensureRendererBuilt } from '../../../scripts/renderer-build.ts';
import { seedBenchDatabase } from './seed.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Big enough heaps for 100,000 orders, and performance.memory with real (not bucketed) figures. */
const BENCH_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];

export type BenchServer = RunningServer & { dataDir: string };

/**
 * A seeded database directory, made once per size and copied per run: seeding 100,000
 * orders takes minutes, a copy seconds. Published by rename, so a half-made one is never used.
 */
async function seededTemplate(ordersAtSite: number, log: (s: string) => void): Promise<string> {
  const dir = join(tmpdir(), `packline-ui-bench-${ordersAtSite}-v1`);
  if (existsSync(dir)) return dir;
  log(`seeding a server database with ${ordersAtSite} orders at MAD (once; cached in ${dir})…`);
  const tmp = mkdtempSync(join(tmpdir(), 'packline-ui-bench-seed-'));
  const r = await seedBenchDatabase(tmp, ordersAtSite);
  log(`  ${r.ordersAtSite} orders and ${r.shipmentsAtSite} shipments at ${r.siteCode}`);
  renameSync(tmp, dir);
  return dir;
}

export async function startBenchServer(ordersAtSite: number, log: (s: string) => void): Promise<BenchServer> {
  ensureRendererBuilt(log);
  const template = await seededTemplate(ordersAtSite, log);
  const dataDir = mkdtempSync(join(tmpdir(), 'packline-ui-bench-run-'));
  cpSync(template, dataDir, { recursive: true });
  const server = await startDemoServer({ dataDir, port: await freePort(), stdio: 'ignore', env: { PACKLINE_LOG_LEVEL: 'warn', PACKLINE_RATE_LIMIT: '10000000' } });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium', args: BENCH_ARGS });
}

/** First run → demo station of MAD → the first packer, PIN 1234: what a person does. */
export async function enrolAndSignIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId('demo-site').getByText('MAD', { exact: true }).click();
  await page.getByTestId('demo-station').click();
  await page.getByTestId('staff-B-MAD-001').click({ timeout: 600_000 });
  await page.getByTestId('pin-input').fill('1234');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('staff-name').waitFor({ timeout: 60_000 });
}

/** Documents of a collection in the page's local store, counted in IndexedDB itself. */
export async function countLocal(page: Page, collection: string): Promise<number> {
  return page.evaluate(async (name) => {
    const dbs = await indexedDB.databases();
    const found = dbs.find((d) => d.name?.startsWith('rxdb-dexie-packline-') && d.name.endsWith(`--${name}`));
    if (found?.name === undefined) return 0;
    const dbName = found.name;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.addEventListener('error', () => reject(new Error(String(open.error))));
      open.addEventListener('success', () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('docs')) {
          db.close();
          resolve(0);
          return;
        }
        const req = db.transaction('docs', 'readonly').objectStore('docs').count();
        req.addEventListener('success', () => {
          db.close();
          resolve(req.result);
        });
        req.addEventListener('error', () => reject(new Error(String(req.error))));
      });
    });
  }, collection);
}

/** Polls the local store until it holds `n` documents of the collection; returns when it first did (ms, Node clock). */
export async function waitForLocal(page: Page, collection: string, n: number, timeoutMs: number, pollMs = 100): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const have = await countLocal(page, collection);
    if (have >= n) return performance.now();
    if (Date.now() > deadline) throw new Error(`local ${collection}: ${have} of ${n} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * Waits, on the app's Sync page, until every collection's first sync is over and its
 * replication has been in sync once: the store then holds what a station in steady use holds.
 * Leaves the page on the Sync screen.
 */
export async function waitForAllLive(page: Page, timeoutMs: number): Promise<void> {
  await page.getByTestId('nav-sync').click();
  await page.locator('[data-testid^="sync-row-"]').first().waitFor({ timeout: timeoutMs });
  await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('[data-testid^="sync-row-"]')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-phase') === 'live');
    },
    undefined,
    { timeout: timeoutMs, polling: 500 },
  );
}
