import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As vite.config.ts sets it for the renderer.
  define: { PACKLINE_VERSION: JSON.stringify('test') },
  test: {
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'main/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // Integration suites each start a server and a database; two cores run two at a time.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
