import { DEMO_STAFF, expect, test } from './fixtures.ts';
import { emulateDesktopHost, printer, type DesktopHost } from './pages/desktop-host.ts';
import { tolerateSlowBursts } from './pages/scanner.ts';

/**
 * Settings change the station for everyone who works at it: someone signs in first, and only a
 * lead, a manager or an admin changes its printers or forgets it (which deletes what has not
 * been uploaded yet). Language, sound and the scanner test are anyone's.
 */

let desktop: DesktopHost | null = null;

test.beforeEach(async ({ page }) => {
  await tolerateSlowBursts(page);
});

test.afterEach(() => {
  desktop?.close();
  desktop = null;
});

test('nobody signed in reaches only the language; a packer sees printers and forgetting read-only, and says who can', async ({ page, server, firstRun, signIn, shell, snap }) => {
  desktop = await emulateDesktopHost(page, server.url, [printer('office_laser', 'Office laser'), printer('dock_inkjet', 'Dock inkjet')]);
  await firstRun.open();
  await firstRun.startDemoStation('MIL');

  // The sign-in screen: no Settings, but the language can still be put right, from a switch named in all three.
  await expect(page.getByTestId('nav-sync')).toBeVisible();
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Language · Idioma · Lingua' })).toBeVisible();
  await page.getByTestId('header-locale-es').click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await snap('signin-language-es');
  await page.getByTestId('header-locale-en').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn.signInWithBadge(DEMO_STAFF.packer.badge('MIL'), DEMO_STAFF.packer.pin);
  await expect(page.getByTestId('header-locale')).toHaveCount(0);
  await shell.go('settings');
  await expect(page.getByTestId('settings')).toBeVisible();

  // Printers: what is set, but not to be changed, and who can.
  await expect(page.getByTestId('printers-leads-only')).toHaveText('Only a lead, a manager or an admin can change the printers.');
  await expect(page.getByTestId('slip-printer')).toHaveValue('The system’s default printer');
  await expect(page.getByTestId('slip-printer')).toBeDisabled();
  await expect(page.getByTestId('label-printer')).toBeDisabled();
  await expect(page.getByTestId('label-kind-network')).toBeDisabled();
  await expect(page.getByTestId('zpl-host')).toHaveCount(0);
  // A test print changes nothing: anyone may check that the printer works.
  await expect(page.getByTestId('test-slip')).toBeEnabled();

  // Forgetting the station: shown, not offered, and who can.
  await expect(page.getByTestId('forget-station')).toBeDisabled();
  await expect(page.getByTestId('forget-leads-only')).toHaveText('Only a lead, a manager or an admin can forget this station.');
  await page.getByTestId('forget-station').click({ force: true });
  await expect(page.getByTestId('forget-modal')).toHaveCount(0);
  await page.getByTestId('forget-leads-only').scrollIntoViewIfNeeded();
  await snap('settings-packer-station');

  // Sound, the scanner test and the language stay the packer's.
  await expect(page.getByTestId('sound-switch')).toBeEnabled();
  await expect(page.getByTestId('scanner-test')).toBeVisible();
  await shell.setLocale('it');
  await expect(page.getByTestId('printers-leads-only')).toHaveText('Solo un capoturno, un responsabile o un amministratore può cambiare le stampanti.');
  await expect(page.getByTestId('forget-leads-only')).toHaveText('Solo un capoturno, un responsabile o un amministratore può dimenticare questa postazione.');
  await page.getByTestId('printers-card').scrollIntoViewIfNeeded();
  await snap('settings-packer-printers-it');
  await shell.setLocale('en');

  // Signed out, Settings is gone again.
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('signin')).toBeVisible();
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
});

test('Settings wait for someone signed in, and a lead can forget the station', async ({ page, server, firstRun, signIn, shell }) => {
  await firstRun.open();
  await firstRun.startDemoStation('MAD');
  // Settings by its address leads to sign-in.
  await page.goto(`${server.url}/settings`);
  await expect(page.getByTestId('signin')).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByTestId('settings')).toHaveCount(0);

  await signIn.signInWithBadge(DEMO_STAFF.lead.badge('MAD'), DEMO_STAFF.lead.pin);
  await shell.waitForInSync();
  await shell.go('settings');
  await expect(page.getByTestId('forget-leads-only')).toHaveCount(0);
  await expect(page.getByTestId('forget-station')).toBeEnabled();
  await page.getByTestId('forget-station').click();
  await expect(page.getByTestId('forget-safe')).toHaveText('Every change made here has reached the server; nothing is lost.');
  await page.getByTestId('forget-confirm').click();
  await expect(page.getByTestId('first-run')).toBeVisible();
  // With no station, Settings by its address is first run, whose own switch sets the language.
  await page.goto(`${server.url}/settings`);
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect(page.getByTestId('first-run-locale-en')).toBeVisible();
});

test('a station that never gets its staff list, so no one can sign in, offers to be set up again', async ({ page, firstRun }) => {
  // The staff list never arrives (a revoked token, the wrong server): nobody could ever sign in
  // to reach Settings, where forgetting the station otherwise is.
  await page.route(/\/api\/v1\/sync\/staff\//, (route) => route.abort());
  await firstRun.open();
  await firstRun.startDemoStation('MAD');
  await expect(page.getByTestId('signin')).toBeVisible();
  await expect(page.getByText("Waiting for this site's staff list to arrive…")).toBeVisible();
  await expect(page.getByTestId('signin-stuck')).toHaveCount(0);
  // After a while the way out shows, behind the usual warning of what would be lost.
  await expect(page.getByTestId('signin-stuck')).toContainText('No staff list has arrived yet, so no one can sign in.', { timeout: 30_000 });
  await page.getByTestId('signin-set-up-again').click();
  await expect(page.getByText('Forget this station?')).toBeVisible();
  await page.getByTestId('forget-confirm').click();
  await expect(page.getByTestId('first-run')).toBeVisible();
});
