import { expect, type Page } from '@playwright/test';

export class FirstRunPage {
  constructor(
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.serverUrl}/`);
    await expect(this.page.getByTestId('first-run')).toBeVisible();
  }

  /** Enrols this browser as a demo packing station of `site` and lands on sign-in. */
  async startDemoStation(site: 'MAD' | 'MIL' | 'MAN' = 'MAD'): Promise<void> {
    await this.page.getByTestId('demo-site').getByText(site, { exact: true }).click();
    await this.page.getByTestId('demo-station').click();
    await expect(this.page.getByTestId('signin')).toBeVisible();
  }

  /** Opens the demo as the all-sites manager (no PIN: the token is the person). */
  async startDemoManager(): Promise<void> {
    await this.page.getByTestId('demo-manager').click();
    await expect(this.page.getByTestId('staff-name')).toHaveText('Demo manager');
  }
}

/** The enrolment form: server address and the one-time code a manager created. */
export class EnrolPage {
  constructor(readonly page: Page) {}

  async enrol(code: string): Promise<void> {
    await this.page.getByTestId('go-enrol').click();
    await this.page.getByTestId('enrol-code').fill(code);
    await this.page.getByTestId('enrol-submit').click();
  }
}
