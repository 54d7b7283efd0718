import { readdirSync } from 'node:fs';
import { DEMO_STAFF, expect, SCREENSHOTS, test } from './fixtures.ts';
import { emulateDesktopHost, printer, startLabelPrinter, type DesktopHost, type LabelPrinter } from './pages/desktop-host.ts';
import { OrdersPage } from './pages/orders.ts';
import { PackPage } from './pages/pack.ts';
import { tolerateSlowBursts } from './pages/scanner.ts';
import { demoSite, ean, newOrder, scannableProducts } from './pages/server-data.ts';

/**
 * The renderer as the desktop app runs it (host kind "electron"), against the real main-process
 * code on the fake Electron seam: see pages/desktop-host.ts for what is real and what is not.
 */

let desktop: DesktopHost | null = null;
let zebra: LabelPrinter | null = null;

test.afterEach(async () => {
  desktop?.close();
  desktop = null;
  await zebra?.stop();
  zebra = null;
});

test('a desktop station chooses its printers, tries them, and ships to them', async ({ page, server, firstRun, signIn, shell }) => {
  await tolerateSlowBursts(page);
  const host = await emulateDesktopHost(page, server.url, [printer('office_laser', 'Office laser'), printer('dock_inkjet', 'Dock inkjet')]);
  desktop = host;
  const labels = await startLabelPrinter();
  zebra = labels;
  const [mad, [a]] = await Promise.all([demoSite(server, 'MAD'), scannableProducts(server)]);
  if (a === undefined) throw new Error('the demo seed has no product to scan');
  const number = await newOrder(server, mad.id, [{ sku: a.sku, quantity: 1 }]);

  // The page's Content-Security-Policy lets it reach its configured server only, and a station
  // being enrolled has none: main makes the enrolment request, and the page reloads once enrolled.
  const pageEnrolRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v1\/(enrol|demo\/session)\b/.test(r.url())) pageEnrolRequests.push(r.url());
  });
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  await firstRun.open();
  await firstRun.startDemoStation('MAD');
  await expect.poll(() => loads).toBe(2);
  expect(pageEnrolRequests).toEqual([]);
  expect(host.log.filter((e) => e.message === 'Station enrolled from the first-run screen')).toHaveLength(1);
  // A lead: only a lead, manager or admin chooses the station's printers (settings-access.spec.ts).
  await signIn.signInWithBadge(DEMO_STAFF.lead.badge('MAD'), DEMO_STAFF.lead.pin);
  // Sync works with no token in the page: main adds it to the server's requests.
  await shell.waitForInSync();
  expect(await page.evaluate(() => localStorage.getItem('packline.token'))).toBeNull();
  expect(host.electron.safeStorage.calls.some((c) => c.method === 'encryptStringAsync')).toBe(true);

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  await expect(page.getByTestId('slip-printer')).toHaveValue('The system’s default printer');
  await page.getByTestId('slip-printer').click();
  await page.getByRole('option', { name: 'Office laser' }).click();
  await expect(page.getByTestId('slip-printer')).toHaveValue('Office laser');
  await page.getByTestId('test-slip').click();
  await expect(page.getByTestId('test-slip-result')).toHaveText('Test sent. Check that it came out and that its barcode scans.');
  const slipTest = host.printJobs().at(-1);
  expect(slipTest?.options).toMatchObject({ silent: true, deviceName: 'office_laser', pageSize: 'A4' });
  expect(slipTest?.html).toContain('prints packing slips on office_laser');

  // A network label printer: a wrong address is refused with a reason, a right one is kept.
  await page.getByTestId('label-kind-network').click();
  await expect(page.getByTestId('zpl-unset')).toBeVisible();
  await page.getByTestId('zpl-host').fill('10.0.0.300');
  await page.getByTestId('zpl-save').click();
  await expect(page.getByText('“10.0.0.300” is not an IP address or a network name.')).toBeVisible();
  // An address beyond the local network passes the form, but the desktop host sends it nothing.
  await page.getByTestId('zpl-host').fill('203.0.113.9');
  await page.getByTestId('zpl-save').click();
  await page.getByTestId('test-label').click();
  await expect(page.getByTestId('test-label-result')).toHaveText(
    "The label printer 203.0.113.9:9100 is not on this computer's local network, and Packline sends labels only to printers there. Check its address in Settings.",
  );
  await page.getByTestId('zpl-host').fill(`127.0.0.1:${labels.port}`);
  await page.getByTestId('zpl-port').fill('');
  await page.getByTestId('zpl-save').click();
  await expect(page.getByTestId('zpl-current')).toHaveText(`Labels are sent as ZPL to 127.0.0.1:${labels.port}.`);
  await page.getByTestId('test-label').click();
  await expect(page.getByTestId('test-label-result')).toHaveText('Test sent. Check that it came out and that its barcode scans.');
  expect(labels.jobs.at(-1)).toContain('^FDPACKLINE-TEST^FS');
  await page.getByTestId('printers-card').screenshot({ path: `${SCREENSHOTS}/settings-printers.png` });

  // Support asks which version: the desktop host says, through the bridge.
  await expect(page.getByTestId('app-version')).toHaveText('1.4.2 (Electron 45.4.1, linux)');
  // The printers card in Spanish fits as in English.
  await shell.setLocale('es');
  await expect(page.getByTestId('slip-printer')).toHaveValue('Office laser');
  await expect(page.getByText('Etiquetas de envío')).toBeVisible();
  await page.getByTestId('printers-card').screenshot({ path: `${SCREENSHOTS}/settings-printers-es.png` });
  await shell.setLocale('en');

  // Choices are the station's: they outlive a reload.
  await page.reload();
  await expect(page.getByTestId('slip-printer')).toHaveValue('Office laser');
  await expect(page.getByTestId('zpl-current')).toBeVisible();

  // Ship an order: the slip goes to the office laser, the label to the network printer as ZPL.
  await page.getByTestId('nav-pack').click();
  const pack = new PackPage(page);
  await pack.openOrderByScan(number);
  await pack.scan(ean(a));
  await pack.expectLine(a.sku, 1, 1);
  const jobsBefore = host.printJobs().length;
  const tracking = await pack.complete('Small', 400);
  await expect(page.getByTestId('pack-print-status')).toHaveText('Slip and label printed');
  const slip = host.printJobs().slice(jobsBefore);
  expect(slip).toHaveLength(1);
  expect(slip[0]?.options).toMatchObject({ deviceName: 'office_laser', pageSize: 'A4' });
  expect(slip[0]?.html).toContain(number);
  const label = labels.jobs.at(-1) ?? '';
  expect(label).toContain(`^FD${tracking}^FS`);
  expect(label).toContain(`^FDOrder: ${number}^FS`);
  // The browser's PDF buttons are not offered: the desktop app printed.
  await expect(page.getByTestId('pack-slip-pdf')).toHaveCount(0);

  // A torn label, noticed later: the order page prints the shipment's documents again.
  await page.getByTestId('nav-orders').click();
  const orders = new OrdersPage(page);
  await orders.find(number, number);
  await orders.open(number);
  const jobsOnOrderPage = labels.jobs.length;
  await page.getByTestId('shipment-reprint').click();
  await expect(page.getByTestId('shipment-print-status')).toHaveText('Slip and label printed');
  expect(labels.jobs).toHaveLength(jobsOnOrderPage + 1);
  expect(labels.jobs.at(-1)).toContain(`^FD${tracking}^FS`);

  // The label printer is switched off: printing again says so, and which printer.
  await labels.stop();
  zebra = null;
  await page.getByTestId('shipment-reprint').click();
  await expect(page.getByTestId('shipment-print-status')).toHaveText(`The label printer 127.0.0.1:${labels.port} cannot be reached. Is it switched on and on the network?`);
  expect(host.log.some((e) => e.message.includes(`print label of ${number}`))).toBe(true);

  // The office laser is unplugged: Settings says so rather than pretending it is still there.
  host.window.webContents.printers = [printer('dock_inkjet', 'Dock inkjet')];
  await page.getByTestId('nav-settings').click();
  await expect(page.getByText('“office_laser” is not installed on this computer any more. Choose another printer.')).toBeVisible();
  await page.getByTestId('test-slip').click();
  await expect(page.getByTestId('test-slip-result')).toHaveText('The slip printer “office_laser” is not installed on this computer. Choose another in Settings, then print again.');

  // A laptop with no printer at all: the app keeps the document as a PDF and says where.
  host.window.webContents.printers = [];
  await page.reload();
  await expect(page.getByTestId('no-printers')).toHaveText('No printers are installed on this computer: slips and labels are saved as PDF files in Documents › Packline until one is.');
  await page.getByTestId('slip-printer').click();
  await page.getByRole('option', { name: 'The system’s default printer' }).click();
  await page.getByTestId('test-slip').click();
  await expect(page.getByTestId('test-slip-result')).toHaveText('No printer is installed: the test was saved as a PDF in Documents › Packline.');
  const saved = readdirSync(host.pdfDir);
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatch(/^slip-.*\.pdf$/);
});
