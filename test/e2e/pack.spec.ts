import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { suggestBox } from '../../renderer/packing/boxes.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { DEMO_STAFF, expect, openDemoStation, test } from './fixtures.ts';
import { installFullDisk, refuseWritesTo } from './pages/full-disk.ts';
import { PackPage } from './pages/pack.ts';
import { printedDocuments, recordPrintDialogs } from './pages/print-dialog.ts';
import { recordTones, tonesPlayed } from './pages/sound.ts';
import { scan, tolerateSlowBursts } from './pages/scanner.ts';
import { demoSite, ean, newOrder, pullAll, scannableProducts, serverOrder } from './pages/server-data.ts';

test.beforeEach(async ({ page }) => {
  await tolerateSlowBursts(page);
  await recordPrintDialogs(page);
  await recordTones(page);
});

test.describe('pack station', () => {
  test('scanning an order barcode opens it on any screen: its order page among the orders, else its pack screen', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const [mad, [a]] = await Promise.all([demoSite(server, 'MAD'), scannableProducts(server)]);
    if (a === undefined) throw new Error('the demo seed has no product to scan');
    const number = await newOrder(server, mad.id, [{ sku: a.sku, quantity: 1 }]);

    await openDemoStation({ firstRun, signIn, shell });
    await shell.go('sync');
    await new PackPage(page).openOrderByScan(number);
    await expect(page).toHaveURL(/\/pack\//);

    // Customer service scans a packing slip among the orders: the order page opens.
    await shell.go('orders');
    await expect(async () => {
      await scan(page, number);
      await expect(page.getByTestId('order-number')).toHaveText(number, { timeout: 3000 });
    }).toPass({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/orders\/[^/]+$/);
    // Taken in through the intake API: the server, not "a station", made it.
    await expect(page.locator('[data-testid="timeline-event"][data-type="created"] [data-testid="timeline-station"]')).toHaveText('Server (order intake)');
    // A number this site has no order for is said, not silently dropped.
    await scan(page, 'PL-999999');
    await expect(page.getByText('No order PL-999999 at this site')).toBeVisible();
    await snap('scan-missed');

    // Settings keeps scans for its scanner test; a scanner that sends a prefix is told to drop it.
    await shell.go('settings');
    await expect(page.getByTestId('scanner-test')).toBeVisible();
    await scan(page, number);
    await expect(page.getByTestId('scanner-test-scan').first()).toContainText(number);
    await expect(page).toHaveURL(/\/settings$/);
    await page.getByTestId('scanner-prefix').fill(']C1');
    await page.getByTestId('scanner-test-field').focus();
    await scan(page, `]C1${number}`);
    await expect(page.getByTestId('scanner-test-scan')).toHaveCount(2);
    await expect(page.getByTestId('scanner-test-scan').first()).toHaveText(new RegExp(`^${number}\\s*Enter$`));
    // The burst did not land in the field it was typed into.
    await expect(page.getByTestId('scanner-test-field')).toHaveValue('');
  });

  test('scan an order, pack it with scanner bursts, catch a wrong item, ship offline and see the tracking number', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const [sites, products] = await Promise.all([pullAll<Site>(server, 'sites'), pullAll<Product>(server, 'products')]);
    const mad = sites.find((s) => s.code === 'MAD');
    const [a, b, other] = products.filter((p) => p.active && p.barcodes.length > 0);
    if (mad === undefined || a === undefined || b === undefined || other === undefined) throw new Error('demo seed lacks MAD or products');
    // A customer whose name PDF's built-in fonts cannot write.
    const number = await newOrder(server, mad.id, [{ sku: a.sku, quantity: 2 }, { sku: b.sku, quantity: 1 }], 'Łucja Dvořáková');

    await openDemoStation({ firstRun, signIn, shell });
    await expect(page.getByTestId('pack-queue')).toBeVisible();

    const pack = new PackPage(page);
    await pack.openOrderByScan(number);
    await pack.expectLine(a.sku, 0, 2);
    // The carton for these items is chosen already, from the catalog's sizes; the packer may change it.
    const suggested = suggestBox([{ dimensions: a.dimensions, quantity: 2 }, { dimensions: b.dimensions, quantity: 1 }])?.code;
    if (suggested === undefined) throw new Error('the demo products have no sizes');
    await expect(page.getByTestId('pack-box-suggested')).toHaveAttribute('data-box', suggested);
    await expect(page.locator(`[data-testid="pack-box"] [data-box="${suggested}"]`)).toHaveAttribute('aria-checked', 'true');
    // Counting by hand is for leads only.
    await expect(page.getByTestId('pack-set-count')).toHaveCount(0);
    await pack.scan(ean(a));
    await pack.expectLine(a.sku, 1, 2);
    await expect(pack.feedback()).toHaveAttribute('data-kind', 'ok');
    // Each scan is heard: a high beep for a good one.
    await expect.poll(() => tonesPlayed(page)).toEqual(['good']);
    await snap('pack-screen');

    // Scans so far survive a reload (from the queue: deep-link reloads are the router's business);
    // then the network goes away and packing carries on.
    await page.getByTestId('pack-back').click();
    await page.reload();
    await expect(page.getByTestId('pack-queue')).toBeVisible();
    await pack.openOrderByScan(number);
    await pack.expectLine(a.sku, 1, 2);
    await page.context().setOffline(true);

    // The wrong item: the screen turns red and says why, and nothing is counted.
    await pack.scan(ean(other));
    await pack.expectWrong(`${ean(other)} (${other.name}) is not in this order`);
    await expect.poll(async () => (await tonesPlayed(page)).at(-1)).toBe('bad');
    await snap('pack-wrong-scan');
    const misread = `${ean(a).slice(0, -1)}${(Number(ean(a).at(-1)) + 1) % 10}`;
    await pack.scan(misread);
    await pack.expectWrong(`Bad check digit: ${misread} should end in ${ean(a).at(-1)}`);

    await pack.scan(ean(a));
    await pack.expectLine(a.sku, 2, 2);
    await pack.scan(ean(a));
    await pack.expectWrong('Line already complete: 2 of 2 packed');
    await pack.scan(ean(b));
    await pack.expectLine(b.sku, 1, 1);
    await pack.undo();
    await pack.expectLine(b.sku, 0, 1);
    await pack.scan(ean(b));
    await pack.expectLine(b.sku, 1, 1);
    await expect(page.getByTestId('pack-progress')).toHaveText('3 of 3 units packed');
    // All packed: the weight field takes focus; a stray scan there is still a scan, not a weight.
    await expect(page.getByTestId('pack-weight')).toBeFocused();
    await pack.scan(ean(b));
    await pack.expectWrong('Line already complete: 1 of 1 packed');
    await expect(page.getByTestId('pack-weight')).toHaveValue('');
    await snap('pack-screen-complete');

    const tracking = await pack.complete('Medium', 1250);
    expect(tracking).toMatch(/^PL\d{13}$/);
    // The station field is the number the server gave this station, so no two stations share numbers.
    const token = await page.evaluate(() => localStorage.getItem('packline.token'));
    const me: unknown = await (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token ?? ''}` } })).json();
    const stationNo = typeof me === 'object' && me !== null && 'stationNo' in me ? me.stationNo : null;
    expect(tracking.slice(2, 6)).toBe(String(stationNo).padStart(4, '0'));
    // A browser cannot print silently: the print dialog opens for the slip, then for the label.
    await expect(page.getByTestId('pack-print-status')).toHaveText('Slip and label sent to the print dialog');
    // The wrong scan before shipping no longer colours the screen.
    await expect(page.getByTestId('pack-screen')).toHaveAttribute('data-wrong', 'false');
    const printed = await printedDocuments(page);
    expect(printed.map((d) => d.title)).toEqual([`${number} slip`, `${number} label`]);
    expect(printed[0]?.html).toContain(number);
    expect(printed[1]?.html).toContain(tracking);
    await snap('pack-shipped');
    // And each document can be saved as a PDF.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pack-label-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`${number}-label.pdf`);
    // Made offline: the app shell keeps the PDFs' fonts with the rest of the app.
    const label = await getDocumentProxy(new Uint8Array(await readFile(await pdf.path())));
    const { text } = await extractText(label, { mergePages: true });
    expect(text).toContain(tracking);
    expect(text).toContain('Łucja Dvořáková');
    expect(text).toContain('28013 Madrid');

    // Shipped offline; back online, the shipment reaches the server with the next sync.
    await page.context().setOffline(false);
    await shell.waitForInSync();
    await expect.poll(async () => (await pullAll<Shipment>(server, 'shipments')).some((s) => s.trackingNumber === tracking), { timeout: 60_000 }).toBe(true);
  });
});

test.describe('pack station, full disk', () => {
  test('the store refuses the shipment half-way: the order is not shipped, the packer is told what to do, and shipping again finishes it once', async ({ page, server, firstRun, signIn, shell }) => {
    await installFullDisk(page);
    const [mad, [a]] = await Promise.all([demoSite(server, 'MAD'), scannableProducts(server)]);
    if (a === undefined) throw new Error('the demo seed has no product to scan');
    const number = await newOrder(server, mad.id, [{ sku: a.sku, quantity: 1 }]);
    await openDemoStation({ firstRun, signIn, shell });
    const pack = new PackPage(page);
    await pack.openOrderByScan(number);
    await pack.scan(ean(a));
    await pack.expectLine(a.sku, 1, 1);

    // The shipment goes in, then the disk is full when its stock movements follow.
    await refuseWritesTo(page, 'movements');
    await page.getByTestId('pack-box').getByText('Small', { exact: true }).click();
    await page.getByTestId('pack-weight').fill('900');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('pack-complete-error')).toHaveText(
      'The shipment could not be finished on this computer. Press Complete and ship again to finish it, with the same tracking number; if it fails again, restart Packline and tell your lead.',
    );
    await expect(page.getByTestId('pack-shipped')).toHaveCount(0);
    await pack.expectLine(a.sku, 1, 1);
    await expect(page.getByTestId('pack-complete')).toBeEnabled();
    // That shipment is what the retry finishes: its box and weight can no longer be changed.
    await expect(page.getByTestId('pack-weight')).toHaveAttribute('readonly', '');
    await expect(page.getByTestId('pack-weight')).toHaveValue('900');
    await expect(page.locator('[data-testid="pack-box"] [data-box="M"]')).toBeDisabled();

    // Room again: the same shipment is finished, with one tracking number.
    await refuseWritesTo(page, null);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('pack-shipped')).toBeVisible();
    const tracking = (await page.getByTestId('pack-tracking').textContent()) ?? '';
    await shell.waitForInSync();
    await expect.poll(async () => (await serverOrder(server, number))?.status, { timeout: 60_000 }).toBe('shipped');
    const order = await serverOrder(server, number);
    const shipments = (await pullAll<Shipment>(server, 'shipments')).filter((s) => s.orderId === order?.id);
    expect(shipments.map((s) => s.trackingNumber)).toEqual([tracking]);
  });
});

test.describe('pack station, lead', () => {
  test('a lead counts a line by hand; a packer is not offered it', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const [sites, products] = await Promise.all([pullAll<Site>(server, 'sites'), pullAll<Product>(server, 'products')]);
    const mil = sites.find((s) => s.code === 'MIL');
    const [, , , a] = products.filter((p) => p.active && p.barcodes.length > 0);
    if (mil === undefined || a === undefined) throw new Error('demo seed lacks MIL or products');
    const number = await newOrder(server, mil.id, [{ sku: a.sku, quantity: 40 }]);

    await firstRun.open();
    await firstRun.startDemoStation('MIL');
    // By name, not badge: the badge scan is covered by the sign-in suite.
    await signIn.pickName(DEMO_STAFF.lead.badge('MIL'));
    await signIn.enterPin(DEMO_STAFF.lead.pin);
    await shell.waitForInSync();
    // This station works silently: the sound is switched off in Settings.
    await shell.go('settings');
    await page.getByTestId('sound-switch').uncheck();
    await shell.go('pack');
    const pack = new PackPage(page);
    await pack.openOrderByScan(number);
    await pack.scan(ean(a));
    await pack.expectLine(a.sku, 1, 40);
    expect(await tonesPlayed(page)).toEqual([]);
    await pack.line(a.sku).getByTestId('pack-set-count').click();
    await page.getByTestId('pack-count-input').fill('40');
    await page.getByTestId('pack-count-save').click();
    await pack.expectLine(a.sku, 40, 40);
    await snap('pack-lead-count');
    const tracking = await pack.complete('Extra large', 9800);
    expect(tracking).toMatch(/^PL\d{13}$/);
  });
});
