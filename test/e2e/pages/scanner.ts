import type { Page } from '@playwright/test';

/**
 * What a USB keyboard-wedge scanner does: the code's keys a few ms apart, then Enter. The app
 * tells this from a person typing by timing alone, wherever focus is.
 */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 3 });
  await page.keyboard.press('Enter');
}
