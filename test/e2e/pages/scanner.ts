import type { Page } from '@playwright/test';

/**
 * What a USB keyboard-wedge scanner does: the code's keys a few ms apart, then Enter. The app
 * tells this from a person typing by timing alone, wherever focus is.
 */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 3 });
  await page.keyboard.press('Enter');
}

/**
 * Playwright stamps each key when the page acknowledged the previous one, so on a starved CI
 * machine one key of a burst can lag by 100 ms or more and split the scan. A real scanner's keys
 * keep their hardware timing. The detector's stored `maxKeyGapMs` (not offered in Settings) is
 * raised to 400 ms here, the mean gap still ≤ 30 ms; the default thresholds are covered by unit
 * tests.
 */
export async function tolerateSlowBursts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // Merged into what the station has stored, so a reload keeps its other settings (printers).
    let state: object = {};
    try {
      const stored: unknown = JSON.parse(localStorage.getItem('packline.scanner') ?? '{}');
      if (typeof stored === 'object' && stored !== null && 'state' in stored && typeof stored.state === 'object' && stored.state !== null) state = stored.state;
    } catch {
      // A damaged record is replaced, as the app itself would.
    }
    localStorage.setItem('packline.scanner', JSON.stringify({ state: { ...state, maxKeyGapMs: 400 }, version: 0 }));
  });
}
