import { expect, type Page } from '@playwright/test';
import { scan } from './scanner.ts';

export class SignInPage {
  constructor(readonly page: Page) {}

  /** The site's staff arrive with the first sync; names appear when they have. */
  async waitForStaff(): Promise<void> {
    await expect(this.page.locator('[data-testid^="staff-B-"]').first()).toBeVisible({ timeout: 90_000 });
  }

  async scanBadge(badge: string): Promise<void> {
    await this.waitForStaff();
    // The first sync keeps the page busy; a packer arrives at a station that has settled.
    await expect(this.page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');
    await expect(this.page.getByTestId('sync-bar')).toHaveAttribute('data-online', 'true', { timeout: 90_000 });
    await scan(this.page, badge);
    await expect(this.page.getByTestId('pin-step')).toBeVisible();
  }

  async pickName(badge: string): Promise<void> {
    await this.waitForStaff();
    await this.page.getByTestId(`staff-${badge}`).click();
    await expect(this.page.getByTestId('pin-step')).toBeVisible();
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.getByTestId('pin-input').fill(pin);
    await this.page.getByTestId('pin-submit').click();
  }

  async signInWithBadge(badge: string, pin: string): Promise<void> {
    await this.scanBadge(badge);
    await this.enterPin(pin);
    await expect(this.page.getByTestId('staff-name')).toBeVisible();
  }

  error() {
    return this.page.getByTestId('signin-error');
  }
}
