import { expect, type Page } from '@playwright/test';

/** The frame around every screen: navigation, who is signed in, and the sync bar. */
export class Shell {
  constructor(readonly page: Page) {}

  syncBar() {
    return this.page.getByTestId('sync-bar');
  }

  /** Online, nothing waiting to go up, and at least one completed sync round. */
  async waitForInSync(timeout = 90_000): Promise<void> {
    await expect(this.syncBar()).toHaveAttribute('data-online', 'true', { timeout });
    await expect(this.page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout });
  }

  async go(to: 'pack' | 'orders' | 'sync' | 'settings'): Promise<void> {
    await this.page.getByTestId(`nav-${to}`).click();
  }

  async setLocale(locale: 'en' | 'es' | 'it'): Promise<void> {
    await this.go('settings');
    await this.page.getByTestId(`locale-${locale}`).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', locale);
  }
}
