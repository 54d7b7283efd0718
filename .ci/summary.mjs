// Sums the JSON reports of every test runner into CI's one closing line.
import { existsSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? 1);
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;

const vitest = 'test-results/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  reports += 1;
}

// Chromium end-to-end, and the Electron shell's (skipped, saying why, where no binary exists).
for (const playwright of ['test-results/playwright.json', 'test-results/playwright-electron.json']) {
  if (!existsSync(playwright)) continue;
  const s = JSON.parse(readFileSync(playwright, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  reports += 1;
}

// Typecheck or lint failed before any runner ran: that is a failure, not an empty pass.
if (status !== 0 && failed === 0) failed = 1;
if (reports === 0 && status === 0) console.log('no test report found');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
