import type { Product } from '../../shared/schema/products.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { DEMO_STAFF, expect, test } from './fixtures.ts';
import { PackPage } from './pages/pack.ts';
import { tolerateSlowBursts } from './pages/scanner.ts';
import { ean, newOrder, pullAll } from './pages/server-data.ts';

test.beforeEach(async ({ page }) => {
  await tolerateSlowBursts(page);
});

test('forgetting a station says what would be lost, and once confirmed deletes its local data', async ({ page, server, firstRun, signIn, shell, snap }) => {
  const [sites, products] = await Promise.all([pullAll<Site>(server, 'sites'), pullAll<Product>(server, 'products')]);
  const man = sites.find((s) => s.code === 'MAN');
  const [a, b] = products.filter((p) => p.active && p.barcodes.length > 0);
  if (man === undefined || a === undefined || b === undefined) throw new Error('demo seed lacks MAN or products');
  const shipped = await newOrder(server, man.id, [{ sku: a.sku, quantity: 1 }]);
  const scanned = await newOrder(server, man.id, [{ sku: b.sku, quantity: 2 }]);

  await firstRun.open();
  await firstRun.startDemoStation('MAN');
  // A lead: only a lead, manager or admin may forget a station (settings-access.spec.ts).
  await signIn.signInWithBadge(DEMO_STAFF.lead.badge('MAN'), DEMO_STAFF.lead.pin);
  await shell.waitForInSync();
  const deviceId = await page.evaluate(() => /"deviceId":"([^"]+)"/.exec(localStorage.getItem('packline.session') ?? '')?.[1] ?? '');
  expect(deviceId).not.toBe('');
  const storeName = `packline-${deviceId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const stores = (): Promise<string[]> =>
    page.evaluate(async (name) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes(name)), storeName);
  expect(await stores()).not.toEqual([]);

  // Offline: one order shipped (its changes wait to go up) and one scanned but not shipped.
  await page.context().setOffline(true);
  const pack = new PackPage(page);
  await pack.openOrderByScan(shipped);
  await pack.scan(ean(a));
  const tracking = await pack.complete('Small', 400);
  await page.getByTestId('pack-next').click();
  await pack.openOrderByScan(scanned);
  await pack.scan(ean(b));
  await pack.expectLine(b.sku, 1, 2);

  await shell.go('settings');
  await page.getByTestId('forget-station').click();
  const losses = page.getByTestId('forget-losses');
  await expect(losses).toContainText(/changes? made here ha(s|ve) not reached the server yet and will be lost/);
  await expect(losses).toContainText('1 order has been scanned but not shipped; its scans will be lost.');
  await expect(page.getByTestId('forget-confirm')).toHaveText('Forget and lose them');
  await snap('forget-losses');
  // Cancelled: nothing happens.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('forget-modal')).toHaveCount(0);
  expect(await stores()).not.toEqual([]);

  // Back online the shipment goes up; with the scans undone nothing is left to lose.
  await page.context().setOffline(false);
  await shell.waitForInSync();
  await expect.poll(async () => (await pullAll<Shipment>(server, 'shipments')).some((s) => s.trackingNumber === tracking), { timeout: 60_000 }).toBe(true);
  await shell.go('pack');
  await pack.openOrderByScan(scanned);
  await pack.undo();
  await pack.expectLine(b.sku, 0, 2);
  await shell.go('settings');
  await page.getByTestId('forget-station').click();
  await expect(page.getByTestId('forget-safe')).toHaveText('Every change made here has reached the server; nothing is lost.');
  await expect(page.getByTestId('forget-losses')).toHaveCount(0);
  await snap('forget-safe');
  await page.getByTestId('forget-confirm').click();

  // First run again; the store, its first-sync records, last sync time and token are gone.
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect.poll(stores).toEqual([]);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('packline-first-sync:') || k.startsWith('packline.lastSync.') || k === 'packline.token'));
  expect(left).toEqual([]);
  // Reloading keeps it forgotten.
  await page.reload();
  await expect(page.getByTestId('first-run')).toBeVisible();
});
