import { expect, type Locator, type Page } from '@playwright/test';
import { scan } from './scanner.ts';

/**
 * The pack station: queue, pack screen and shipped panel. The data-testids it relies on:
 *
 * - `pack-queue`: the queue; `pack-queue-row` (data-number) per order, `pack-queue-open` button,
 *   `pack-queue-count`, `pack-queue-empty`, `pack-queue-missed` (a scanned number with no order)
 * - `pack-screen` (data-order-id, data-wrong="true" while the last scan was wrong), `pack-title`,
 *   `pack-progress`, `pack-back`
 * - `pack-feedback` (data-kind none|ok|error, data-seq bumped by every scan): the sentence after each scan
 * - `pack-line` per order line (data-sku, data-packed, data-expected, data-done) with
 *   `pack-line-count` ("1 of 2") and, for leads, `pack-set-count` -> `pack-count-modal`,
 *   `pack-count-input`, `pack-count-save`
 * - `pack-box` (a segmented control; options labelled by box name), `pack-weight`, `pack-undo`,
 *   `pack-complete`, `pack-complete-error`
 * - `pack-shipped` after shipping, with `pack-tracking`, `pack-print-status`, `pack-reprint`, `pack-next`
 * - `pack-readonly` (data-status) instead of the packing controls for an order that cannot be
 *   packed, with `pack-not-packable` (why), `pack-readonly-shipment` per shipment (`pack-tracking`,
 *   `pack-reprint`, `pack-print-status`), `pack-next` and `pack-order-page`
 */
export class PackPage {
  constructor(readonly page: Page) {}

  /** Scans an order's number barcode (from the queue or anywhere) and waits for its pack screen. */
  async openOrderByScan(number: string): Promise<void> {
    // The order may still be on its way down with the first sync: scan again until it opens.
    await expect(async () => {
      await scan(this.page, number);
      await expect(this.page.getByTestId('pack-title')).toContainText(number, { timeout: 3000 });
    }).toPass({ timeout: 60_000 });
  }

  /**
   * A scanner burst (keys 3 ms apart, then Enter) on the pack screen. Playwright's keys are
   * stamped when the page acknowledges the previous one, so on a starved CI machine a burst can
   * arrive as slowly as typing; a real scanner's keys keep their hardware timing. Every scan the
   * screen accepts or refuses bumps `data-seq` on the feedback, so a burst that went unseen is
   * sent again, and one that was seen never is (no double counts).
   */
  async scan(code: string): Promise<void> {
    const before = (await this.feedback().getAttribute('data-seq')) ?? '0';
    await expect(async () => {
      await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await scan(this.page, code);
      await expect(this.feedback()).not.toHaveAttribute('data-seq', before, { timeout: 3000 });
    }).toPass({ timeout: 30_000 });
  }

  line(sku: string): Locator {
    return this.page.locator(`[data-testid="pack-line"][data-sku="${sku}"]`);
  }

  async expectLine(sku: string, packed: number, expected: number): Promise<void> {
    await expect(this.line(sku)).toHaveAttribute('data-packed', String(packed));
    await expect(this.line(sku)).toHaveAttribute('data-expected', String(expected));
  }

  feedback(): Locator {
    return this.page.getByTestId('pack-feedback');
  }

  async expectWrong(message: string): Promise<void> {
    await expect(this.feedback()).toHaveAttribute('data-kind', 'error');
    await expect(this.feedback()).toHaveText(message);
    await expect(this.page.getByTestId('pack-screen')).toHaveAttribute('data-wrong', 'true');
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+z');
  }

  /**
   * Every box button shows its whole name, in this order, on a touch-sized button: nothing cut
   * by the button's edge (the label's text is as wide as it needs) or by the panel's.
   */
  async expectBoxLabelsFit(labels: readonly string[]): Promise<void> {
    const boxes = this.page.locator('[data-testid="pack-box"] [data-box]');
    await expect(boxes).toHaveText([...labels]);
    const measured = await boxes.evaluateAll((buttons) =>
      buttons.map((b) => {
        const label = b.querySelector('.mantine-Button-label') ?? b;
        const panel = b.closest('[data-testid="pack-box"]')?.getBoundingClientRect();
        const rect = b.getBoundingClientRect();
        return {
          text: b.textContent,
          clipped: label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1,
          outside: panel === undefined || rect.left < panel.left - 1 || rect.right > panel.right + 1,
          height: rect.height,
        };
      }),
    );
    expect(measured.filter((m) => m.clipped || m.outside).map((m) => m.text)).toEqual([]);
    expect(Math.min(...measured.map((m) => m.height))).toBeGreaterThanOrEqual(44);
  }

  /** The read-only panel an order that cannot be packed shows instead of the packing controls. */
  readOnly(): Locator {
    return this.page.getByTestId('pack-readonly');
  }

  /** Chooses the box (by its label, e.g. "Medium"), types the weight in grams and ships with the keyboard. */
  async complete(boxLabel: string, weightGrams: number): Promise<string> {
    await this.page.getByTestId('pack-box').getByText(boxLabel, { exact: true }).click();
    await this.page.getByTestId('pack-weight').fill(String(weightGrams));
    await this.page.keyboard.press('Control+Enter');
    await expect(this.page.getByTestId('pack-shipped')).toBeVisible();
    return (await this.page.getByTestId('pack-tracking').textContent()) ?? '';
  }
}
