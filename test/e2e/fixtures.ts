import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { FirstRunPage } from './pages/first-run.ts';
import { Shell } from './pages/shell.ts';
import { SignInPage } from './pages/signin.ts';

export { expect };

export const SCREENSHOTS = 'test-results/screenshots';

/** The demo staff (server/seed/catalog.ts): badge B-<site>-00n, PINs cycle 1234, 2468, 1357, 9999. */
export const DEMO_STAFF = {
  packer: { badge: (site: string) => `B-${site}-001`, pin: '1234' },
  lead: { badge: (site: string) => `B-${site}-005`, pin: '1234' },
  manager: { badge: (site: string) => `B-${site}-006`, pin: '2468' },
} as const;

export type DemoPerson = { readonly badge: (site: string) => string; readonly pin: string };

/**
 * The way into most tests: first run, the demo station of `site`, `who` signs in with badge and
 * PIN, and the station's first sync is done.
 */
export async function openDemoStation(f: { firstRun: FirstRunPage; signIn: SignInPage; shell: Shell }, site: 'MAD' | 'MIL' | 'MAN' = 'MAD', who: DemoPerson = DEMO_STAFF.packer): Promise<void> {
  await f.firstRun.open();
  await f.firstRun.startDemoStation(site);
  await f.signIn.signInWithBadge(who.badge(site), who.pin);
  await f.shell.waitForInSync();
}

export type ServerApi = {
  url: string;
  /** GET the API with the admin token (an all-sites principal); T is the shape the caller expects. */
  get<T>(path: string): Promise<T>;
};

type Fixtures = {
  server: ServerApi;
  firstRun: FirstRunPage;
  signIn: SignInPage;
  shell: Shell;
  /** Saves a screenshot of the viewport under test-results/screenshots/<name>.png. */
  snap: (name: string, page?: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // oxlint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring.
  server: async ({}, use) => {
    const url = process.env.PACKLINE_E2E_URL;
    const token = process.env.PACKLINE_E2E_ADMIN_TOKEN;
    if (url === undefined || token === undefined) throw new Error('PACKLINE_E2E_URL is unset: run through playwright.config.ts (its globalSetup starts the server)');
    await use({
      url,
      async get<T>(path: string): Promise<T> {
        const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
        // oxlint-disable-next-line typescript/no-unsafe-type-assertion -- test helper: the spec names the server's reply shape.
        return (await res.json()) as T;
      },
    });
  },
  firstRun: async ({ page, server }, use) => use(new FirstRunPage(page, server.url)),
  signIn: async ({ page }, use) => use(new SignInPage(page)),
  shell: async ({ page }, use) => use(new Shell(page)),
  snap: async ({ page }, use) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (name, p = page) => {
      await p.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
    });
  },
});
