import { expect, type Locator, type Page } from '@playwright/test';

/** Customer service's order search and the order page. */
export class OrdersPage {
  constructor(readonly page: Page) {}

  searchBox(): Locator {
    return this.page.getByTestId('orders-search');
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="order-row"][data-order-number="${number}"]`);
  }

  /** The index covers the whole local store once the count says so. */
  async waitForIndex(): Promise<void> {
    await expect(this.page.getByTestId('orders-count')).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  }

  async search(query: string): Promise<void> {
    await this.searchBox().fill(query);
  }

  /** Searches and expects the order among the results. */
  async find(query: string, number: string): Promise<void> {
    await this.search(query);
    await expect(this.row(number)).toBeVisible();
  }

  async open(number: string): Promise<void> {
    await this.row(number).click();
    await expect(this.page.getByTestId('order-number')).toHaveText(number);
  }

  lines(): Locator {
    return this.page.getByTestId('order-line');
  }

  payments(): Locator {
    return this.page.getByTestId('order-payment');
  }

  timeline(): Locator {
    return this.page.getByTestId('timeline-event');
  }
}
