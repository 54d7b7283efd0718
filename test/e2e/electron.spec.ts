import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { buildMain } from '../../main/build.ts';
import { BRIDGE_KEY, CHANNELS } from '../../shared/bridge/channels.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The Electron binary that electron's install step put in node_modules/electron/dist, or null.
 * Found from path.txt without loading the package's index.js, which would try to download one.
 */
function installedElectron(): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

const executablePath = installedElectron();
const SKIP_REASON =
  "No Electron binary on this machine: electron's install step downloads it from GitHub, which is unreachable here; these tests run where it is installed";
if (executablePath === null) console.warn(`electron.spec.ts skipped: ${SKIP_REASON}`);
test.skip(executablePath === null, SKIP_REASON);

/** A stand-in UI with no inline script (the CSP would block it), so these tests need no renderer build. */
const FIXTURE_HTML = '<!doctype html><html><head><title>Packline e2e</title></head><body><h1 id="ready">Packline</h1></body></html>';

let app: ElectronApplication;
let page: Page;
let dir: string;

test.beforeAll(async () => {
  await buildMain();
});

test.beforeEach(async () => {
  // Every test gets its own station: data folder and UI.
  dir = await mkdtemp(path.join(os.tmpdir(), 'packline-e2e-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), FIXTURE_HTML);
  app = await electron.launch({
    executablePath: executablePath ?? undefined,
    args: [path.join(root, 'dist/main/main.cjs')],
    env: { ...process.env, PACKLINE_USER_DATA: path.join(dir, 'userData'), PACKLINE_RENDERER_DIR: rendererDir },
  });
  page = await app.firstWindow();
  await page.waitForSelector('#ready');
});

test.afterEach(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

test('opens exactly one window, on the app protocol', async () => {
  expect(app.windows()).toHaveLength(1);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(page.url()).toBe('app://packline/index.html');
});

test('keeps Node out of the page and exposes only the contract on window.packline', async () => {
  const seen = await page.evaluate((key) => {
    const bridge: unknown = Reflect.get(window, key);
    return {
      require: typeof Reflect.get(window, 'require'),
      process: typeof Reflect.get(window, 'process'),
      bridgeKeys: typeof bridge === 'object' && bridge !== null ? Object.keys(bridge).sort() : null,
      allFunctions: typeof bridge === 'object' && bridge !== null && Object.values(bridge).every((v) => typeof v === 'function'),
    };
  }, BRIDGE_KEY);
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: [...CHANNELS].sort(), allFunctions: true });
});

test('answers over the bridge with a typed result', async () => {
  const result: unknown = await page.evaluate(async (key) => {
    const bridge: unknown = Reflect.get(window, key);
    const version: unknown = typeof bridge === 'object' && bridge !== null ? Reflect.get(bridge, 'app:version') : null;
    return typeof version === 'function' ? await version() : null;
  }, BRIDGE_KEY);
  expect(result).toMatchObject({ ok: true, value: { electron: expect.any(String), chrome: expect.any(String) } });
});

test('serves the UI with the Content-Security-Policy', async () => {
  const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
});

test('blocks navigation away from the app and new windows', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://packline/index.html');
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
});
