import { DEMO_STAFF, expect, openDemoStation, test } from './fixtures.ts';
import { EnrolPage } from './pages/first-run.ts';
import { demoSite } from './pages/server-data.ts';

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
    // Once synced, the site's waiting orders fill the queue, earliest ship-by first, with their count.
    await expect(page.getByTestId('pack-queue-row').first()).toBeVisible();
    await expect(page.getByTestId('pack-queue-count')).toHaveText(/^\d{1,3}(,\d{3})*$/);
    // Orders past their ship-by date, at the top, say so in red.
    await expect(page.getByTestId('pack-queue-row').first().locator('[data-overdue="true"]')).toHaveAttribute('title', 'Late: its ship-by date has passed');
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

  test('wrong PINs in a row make the person wait, across a reload, and then the right one works', async ({ page, firstRun, signIn }) => {
    // Playwright's clock runs as usual until fast-forwarded past the wait.
    await page.clock.install();
    await firstRun.open();
    await firstRun.startDemoStation('MAN');
    await signIn.pickName(DEMO_STAFF.packer.badge('MAN'));
    for (const said of ['Wrong PIN. Try again.', 'Wrong PIN. Try again.', 'Wrong PIN. 2 more tries before a 30 s wait.', 'Wrong PIN. 1 more try before a 30 s wait.']) {
      await signIn.enterPin('0000');
      await expect(signIn.error()).toHaveText(said);
    }
    await signIn.enterPin('0000');
    const locked = page.getByTestId('signin-locked');
    await expect(locked).toHaveText(/^Too many wrong PINs\. Try again in (30|29) s\.$/);
    // Not even the right PIN is checked during the wait.
    await page.getByTestId('pin-input').fill(DEMO_STAFF.packer.pin);
    await expect(page.getByTestId('pin-submit')).toBeDisabled();

    // A reload hands out no fresh tries.
    await page.reload();
    await signIn.pickName(DEMO_STAFF.packer.badge('MAN'));
    await expect(locked).toBeVisible();
    await expect(page.getByTestId('pin-submit')).toBeDisabled();

    await page.clock.fastForward(31_000);
    await expect(locked).toHaveCount(0);
    await signIn.enterPin(DEMO_STAFF.packer.pin);
    await expect(page.getByTestId('pack-queue')).toBeVisible();
  });

  test('a PIN is checked on the station: signing in works with the network gone', async ({ page, firstRun, signIn, shell }) => {
    await openDemoStation({ firstRun, signIn, shell }, 'MIL');
    await page.getByTestId('sign-out').click();
    await page.context().setOffline(true);
    await expect(shell.syncBar()).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
    await signIn.pickName(DEMO_STAFF.lead.badge('MIL'));
    await signIn.enterPin('0000');
    await expect(signIn.error()).toHaveText('Wrong PIN. Try again.');
    await signIn.enterPin(DEMO_STAFF.lead.pin);
    await expect(page.getByTestId('staff-role')).toHaveText('Lead');
    await expect(page.getByTestId('pack-queue-row').first()).toBeVisible();
  });

  test('an unknown badge says so', async ({ page, firstRun, signIn }) => {
    await firstRun.open();
    await firstRun.startDemoStation('MAN');
    await signIn.waitForStaff();
    await page.getByTestId('badge-input').fill('B-XXX-999');
    await page.getByTestId('badge-input').press('Enter');
    await expect(signIn.error()).toContainText('B-XXX-999');
  });

  test('enrol with a one-time code from a manager; a used code is refused in words', async ({ page, server, firstRun, signIn, snap }) => {
    const man = await demoSite(server, 'MAN');
    const enrolmentCode = await newEnrolmentCode(server.url, man.id, 'Bench 7');

    await firstRun.open();
    await new EnrolPage(page).enrol(enrolmentCode);
    await signIn.waitForStaff();
    await expect(page.getByTestId('station-name')).toHaveText('MAN · Bench 7');
    await snap('enrolled-signin');

    // The same code a second time, from another browser, is refused with the server's reason.
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await firstRun.open();
    await new EnrolPage(page).enrol(enrolmentCode);
    await expect(page.getByTestId('enrol-error')).toContainText('This enrolment code has already been used. Ask a manager for a new one.');
    await snap('enrol-used-code');
  });

  test('a station the host holds already (as the desktop app enrolled by npm start) skips first run', async ({ page, server, firstRun, signIn }) => {
    const man = await demoSite(server, 'MAN');
    const code = await newEnrolmentCode(server.url, man.id, 'Bench 8');
    const res = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const enrolled: unknown = await res.json();
    if (!isEnrolled(enrolled)) throw new Error(`POST /enrol: ${res.status}`);
    await firstRun.open();
    // What the host stores when it enrols outside the page: the configuration and the token.
    await page.evaluate(
      ({ config, token }) => {
        localStorage.setItem('packline.station-config', JSON.stringify(config));
        localStorage.setItem('packline.token', token);
      },
      { config: { serverUrl: server.url, siteId: enrolled.siteId, stationName: enrolled.name, deviceId: enrolled.deviceId }, token: enrolled.token },
    );
    await page.reload();
    await signIn.waitForStaff();
    await expect(page.getByTestId('station-name')).toHaveText('MAN · Bench 8');
    // It asked the server for its number, the station field of its tracking numbers.
    const session = await page.evaluate(() => localStorage.getItem('packline.session'));
    expect(session).toContain(`"stationNo":${String(enrolled.stationNo)}`);
    await signIn.scanBadge(DEMO_STAFF.packer.badge('MAN'));
    await signIn.enterPin(DEMO_STAFF.packer.pin);
    await expect(page.getByTestId('pack-queue')).toBeVisible();
  });

  test('a station enrolled before stations had numbers learns its number from the server, and the packer stays signed in', async ({ page, server, firstRun, signIn, shell }) => {
    const man = await demoSite(server, 'MAN');
    const code = await newEnrolmentCode(server.url, man.id, 'Bench 9');
    await firstRun.open();
    await new EnrolPage(page).enrol(code);
    await signIn.waitForStaff();
    await signIn.scanBadge(DEMO_STAFF.packer.badge('MAN'));
    await signIn.enterPin(DEMO_STAFF.packer.pin);
    await expect(page.getByTestId('pack-queue')).toBeVisible();
    const stored = (): Promise<string | null> => page.evaluate(() => localStorage.getItem('packline.session'));
    const learnt = /"stationNo":(\d+)/.exec((await stored()) ?? '')?.[1];
    expect(learnt).toBeDefined();
    // What such a station has stored: everything but the number.
    await page.evaluate(() => {
      const raw = localStorage.getItem('packline.session');
      if (raw === null) throw new Error('no session');
      const session: { state: { station: Record<string, unknown> } } = JSON.parse(raw);
      delete session.state.station.stationNo;
      localStorage.setItem('packline.session', JSON.stringify(session));
    });
    await page.reload();
    await expect(page.getByTestId('pack-queue')).toBeVisible();
    await shell.waitForInSync();
    await expect.poll(stored).toContain(`"stationNo":${String(learnt)}`);
    await expect(page.getByTestId('staff-name')).not.toBeEmpty();
  });
});

/** A one-time enrolment code for a new station of `siteId`, made with the admin token. */
async function newEnrolmentCode(serverUrl: string, siteId: string, name: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/devices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.PACKLINE_E2E_ADMIN_TOKEN ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify({ siteId, name }),
  });
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('enrolmentCode' in body) || typeof body.enrolmentCode !== 'string') throw new Error(`POST /devices: ${res.status}`);
  return body.enrolmentCode;
}

function isEnrolled(v: unknown): v is { token: string; deviceId: string; siteId: string; name: string; stationNo: number } {
  return (
    typeof v === 'object' &&
    v !== null &&
    'stationNo' in v &&
    typeof v.stationNo === 'number' &&
    typeof v === 'object' &&
    v !== null &&
    'token' in v &&
    typeof v.token === 'string' &&
    'deviceId' in v &&
    typeof v.deviceId === 'string' &&
    'siteId' in v &&
    typeof v.siteId === 'string' &&
    'name' in v &&
    typeof v.name === 'string'
  );
}
