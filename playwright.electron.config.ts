import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the Electron shell (test/e2e/electron.spec.ts): they launch the built
 * main process with Playwright's _electron and skip, saying why, where no Electron binary is
 * installed. `npx playwright test -c playwright.electron.config.ts`
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: 'electron.spec.ts',
  timeout: 60_000,
  // One Electron at a time: each test starts its own app with its own data folder.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-electron.json' }]],
  outputDir: 'test-results/playwright-electron',
});
