import type { Page } from '@playwright/test';
import { DEMO_STAFF, expect, test } from './fixtures.ts';

/**
 * The scanner detector at its default thresholds, in the real page. Playwright's own keys are
 * stamped when the page acknowledged the previous one, so on a busy machine their gaps say more
 * about the machine than about a scanner (the other specs widen the single-gap limit for that,
 * see pages/scanner.ts). Here the keys are dispatched inside the page with exact gaps, so the
 * app's defaults (mean gap ≤ 30 ms, no gap over 55 ms, at least 4 characters, then Enter or
 * Tab) are what decides.
 */
/** A code's keys, one character each (codes are ASCII). */
const keysOf = (code: string): string[] => code.split('');

async function keysInPage(page: Page, keys: readonly string[], gapMs: number | readonly number[]): Promise<void> {
  const gaps = keys.map((_k, i) => (typeof gapMs === 'number' ? gapMs : (gapMs[i] ?? 0)));
  await page.evaluate(
    async ({ keys: all, gaps: waits }) => {
      for (const [i, key] of all.entries()) {
        const gap = waits[i] ?? 0;
        if (i > 0) {
          // A scanner's gaps are exact; timers are not: long waits sleep, short ones spin on the clock.
          const until = performance.now() + gap;
          if (gap > 100) await new Promise((resolve) => setTimeout(resolve, gap - 20));
          while (performance.now() < until) {
            // spin
          }
        }
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
      }
    },
    { keys, gaps },
  );
}

test('at its default thresholds the station tells a scanner burst from typing', async ({ page, firstRun, signIn, shell }) => {
  await firstRun.open();
  await firstRun.startDemoStation('MAD');
  await signIn.signInWithBadge(DEMO_STAFF.packer.badge('MAD'), DEMO_STAFF.packer.pin);
  await shell.go('settings');
  const scans = page.getByTestId('scanner-test-scan');
  await expect(page.getByTestId('scanner-test')).toBeVisible();

  // An EAN-13 at 4 ms a key, then Enter: a scan.
  await keysInPage(page, [...keysOf('4006381333931'), 'Enter'], 4);
  await expect(scans).toHaveCount(1);
  await expect(scans.first()).toHaveText(/^4006381333931\s*Enter$/);

  // Some scanners end with Tab.
  await keysInPage(page, [...keysOf('PL-105002'), 'Tab'], 6);
  await expect(scans).toHaveCount(2);
  await expect(scans.first()).toHaveText(/^PL-105002\s*Tab$/);

  // A person typing the same digits (120 ms a key) is typing, and so is a quick "ok" + Enter (too short).
  await keysInPage(page, [...keysOf('40063813'), 'Enter'], 120);
  await keysInPage(page, ['o', 'k', 'Enter'], 4);
  // A key 80 ms late ends a burst: the keys before it are not a scan, and the two after it are too few.
  await keysInPage(page, [...keysOf('4006381333931'), 'Enter'], [0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 80, 4, 4]);
  // The keys table shows every key that came in, typing included, with the gap before it: once
  // it shows the last one, the scans list has had its chance to grow.
  await expect(page.getByTestId('scanner-test-keys').locator('tbody tr').first()).toContainText('Enter');
  await expect(page.getByTestId('scanner-test-keys').locator('tbody tr').nth(2)).toContainText(/8\d ms/);
  await expect(scans).toHaveCount(2);
});
