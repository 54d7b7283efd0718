import { DEMO_STAFF, expect, test } from './fixtures.ts';

test.describe('station sign-in', () => {
  test('first run, start the demo, scan a badge, PIN, and the pack queue is there', async ({ page, firstRun, signIn, shell, snap }) => {
    await firstRun.open();
    await snap('first-run');
    await firstRun.startDemoStation('MAD');
    await signIn.waitForStaff();
    await snap('signin');
    await signIn.scanBadge(DEMO_STAFF.packer.badge('MAD'));
    await snap('signin-pin');
    await signIn.enterPin(DEMO_STAFF.packer.pin);
    await expect(page.getByTestId('pack-queue')).toBeVisible();
    await expect(page.getByTestId('staff-name')).not.toBeEmpty();
    await shell.waitForInSync();
    await snap('pack-queue');
  });

  test('a wrong PIN is refused in words, and the right one then works', async ({ page, firstRun, signIn }) => {
    await firstRun.open();
    await firstRun.startDemoStation('MIL');
    await signIn.pickName(DEMO_STAFF.lead.badge('MIL'));
    await signIn.enterPin('0000');
    await expect(signIn.error()).toHaveText('Wrong PIN. Try again.');
    await expect(page.getByTestId('pin-step')).toBeVisible();
    await signIn.enterPin(DEMO_STAFF.lead.pin);
    await expect(page.getByTestId('pack-queue')).toBeVisible();
    // Leads are flagged in the session: the header says so.
    await expect(page.getByTestId('staff-role')).toHaveText('Lead');
  });

  test('an unknown badge says so', async ({ page, firstRun, signIn }) => {
    await firstRun.open();
    await firstRun.startDemoStation('MAN');
    await signIn.waitForStaff();
    await page.getByTestId('badge-input').fill('B-XXX-999');
    await page.getByTestId('badge-input').press('Enter');
    await expect(signIn.error()).toContainText('B-XXX-999');
  });
});
