import type { Product } from '../../shared/schema/products.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { expect, openDemoStation, test } from './fixtures.ts';
import { PackPage } from './pages/pack.ts';
import { tolerateSlowBursts } from './pages/scanner.ts';
import { ean, newOrder, pullAll } from './pages/server-data.ts';

test.beforeEach(async ({ page }) => {
  await tolerateSlowBursts(page);
});

test("a station whose clock runs ahead sees its writes refused, and why, in its language", async ({ page, server, firstRun, signIn, shell, snap }) => {
  const [sites, products] = await Promise.all([pullAll<Site>(server, 'sites'), pullAll<Product>(server, 'products')]);
  const mil = sites.find((s) => s.code === 'MIL');
  const a = products.find((p) => p.active && p.barcodes.length > 0);
  if (mil === undefined || a === undefined) throw new Error('demo seed lacks MIL or products');
  const number = await newOrder(server, mil.id, [{ sku: a.sku, quantity: 1 }]);

  // This computer's clock is three hours fast: its writes carry stamps from the future.
  await page.clock.install({ time: Date.now() + 3 * 3600_000 });
  await openDemoStation({ firstRun, signIn, shell }, 'MIL');
  const pack = new PackPage(page);
  await pack.openOrderByScan(number);
  await pack.scan(ean(a));
  await pack.complete('Small', 300);

  // The server refuses them, and the station says so where it is always visible.
  await expect(page.getByTestId('sync-refusals')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('sync-refusals').click();
  const why = page.getByTestId('refusal-why').first();
  await expect(why).toHaveAttribute('data-rule', 'clock_drift');
  await expect(why).toContainText('This computer’s clock is ahead of the server’s. Check its date and time.');
  // The server's own words stay beside it, for whoever looks into it.
  await expect(why).toContainText('ahead of the server clock');
  // Each refusal says what it was about, as the packer knows it: the order by its number, the
  // shipment by its tracking number and order; the station's copy went back to the server's.
  const orderRefusal = page.locator('[data-testid="refusal-subject"][data-kind="order"]').first();
  await expect(orderRefusal).toHaveText(`Order ${number}`);
  await expect(page.locator('[data-testid="refusal-subject"][data-kind="shipmentOfOrder"]').first()).toHaveText(new RegExp(`^Shipment \\S+ of order ${number}$`));
  await expect(page.getByTestId('refusals-help')).toContainText('A refused change is undone on this station');
  await page.getByTestId('refusals').scrollIntoViewIfNeeded();
  await snap('refusals-en');
  await shell.setLocale('es');
  await shell.go('sync');
  await expect(page.getByTestId('refusal-why').first()).toContainText('El reloj de este ordenador va por delante del reloj del servidor.');
  await expect(page.locator('[data-testid="refusal-subject"][data-kind="order"]').first()).toHaveText(`Pedido ${number}`);
  await page.getByTestId('refusals').scrollIntoViewIfNeeded();
  await snap('refusals-es');
  // The refusal opens the order's page, where someone can check it and redo what is missing.
  await page.locator('[data-testid="refusal-subject"][data-kind="order"]').first().getByTestId('refusal-order-link').click();
  await expect(page).toHaveURL(/\/orders\/[^/]+$/);
  await expect(page.getByTestId('order-number')).toHaveText(number);
});
