import type { Page } from '@playwright/test';
import { DEMO_STAFF, expect, test } from './fixtures.ts';
import { FirstRunPage } from './pages/first-run.ts';
import { OrdersPage } from './pages/orders.ts';
import { PackPage } from './pages/pack.ts';
import { demoSite, ean, newOrder, scannableProducts, serverOrder } from './pages/server-data.ts';
import { Shell } from './pages/shell.ts';

/** Reads the order's status from the order page (helper-7's screen), by number. */
async function orderStatus(page: Page, number: string): Promise<string> {
  const orders = new OrdersPage(page);
  await page.getByTestId('nav-orders').click();
  await orders.waitForIndex();
  await orders.find(number, number);
  await orders.open(number);
  return (await page.getByTestId('order-status').textContent()) ?? '';
}

/**
 * One scan at a time, as a packer does: the next item after the line has ticked. On a loaded
 * test machine a burst can arrive with gaps a scanner never makes and be taken for typing; a
 * packer whose scan did not tick scans again, and so does this.
 */
async function scanUntilCounted(page: Page, pack: PackPage, code: string, want: number): Promise<void> {
  const packed = async (): Promise<number> => Number(/^(\d+)/.exec((await page.getByTestId('pack-progress').textContent()) ?? '')?.[1] ?? -1);
  await expect(async () => {
    if ((await packed()) < want) await pack.scan(code);
    await expect.poll(packed, { timeout: 3000 }).toBeGreaterThanOrEqual(want);
  }).toPass({ timeout: 30_000 });
  expect(await packed()).toBe(want);
}

test('pack and ship two orders offline; they stay shipped through a reload and reach the server and a manager', async ({ page, context, browser, server, firstRun, signIn, shell, snap }) => {
  // Two stations, a reload and two initial syncs: longer than a single-screen test.
  test.setTimeout(300_000);
  const mad = await demoSite(server, 'MAD');
  const [a, b, c] = await scannableProducts(server);
  if (a === undefined || b === undefined || c === undefined) throw new Error('the demo seed has too few products');
  const orders = [
    { number: await newOrder(server, mad.id, [{ sku: a.sku, quantity: 2 }]), first: a.sku, qty: 2, scans: [ean(a), ean(a)] },
    { number: await newOrder(server, mad.id, [{ sku: b.sku, quantity: 1 }, { sku: c.sku, quantity: 1 }]), first: b.sku, qty: 1, scans: [ean(b), ean(c)] },
  ];

  // Load the app and let the first sync finish while the network is up.
  await firstRun.open();
  await firstRun.startDemoStation('MAD');
  await signIn.signInWithBadge(DEMO_STAFF.packer.badge('MAD'), DEMO_STAFF.packer.pin);
  // The orders were taken before the station enrolled, so the first sync brought them.
  await shell.waitForInSync();

  // The app shell is kept once its service worker controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await expect(shell.syncBar()).toHaveAttribute('data-online', 'false', { timeout: 30_000 });

  const pack = new PackPage(page);
  for (const o of orders) {
    await pack.openOrderByScan(o.number);
    await pack.expectLine(o.first, 0, o.qty);
    for (const [i, code] of o.scans.entries()) await scanUntilCounted(page, pack, code, i + 1);
    await pack.complete('Medium', 900);
    await page.getByTestId('pack-next').click();
    await expect(page.getByTestId('pack-queue')).toBeVisible();
  }
  await expect(page.getByTestId('sync-pending')).not.toHaveAttribute('data-count', '0');
  await snap('offline-pending');

  // The page reloads with the network still gone: the browser's app shell (renderer/sw) has kept
  // the app's files, as the desktop app has them on disk.
  await page.reload();
  await expect(shell.syncBar()).toHaveAttribute('data-online', 'false');
  for (const o of orders) expect(await orderStatus(page, o.number)).toBe('Shipped');
  await snap('offline-after-reload');

  // Back online: everything goes up.
  await context.setOffline(false);
  await shell.waitForInSync();
  await snap('back-online');
  for (const o of orders) {
    await expect.poll(async () => (await serverOrder(server, o.number))?.status, { timeout: 60_000, intervals: [2000] }).toBe('shipped');
  }

  // A manager elsewhere sees them shipped.
  const managerContext = await browser.newContext();
  try {
    const manager = await managerContext.newPage();
    const managerRun = new FirstRunPage(manager, server.url);
    await managerRun.open();
    await managerRun.startDemoManager();
    await new Shell(manager).waitForInSync(120_000);
    for (const o of orders) expect(await orderStatus(manager, o.number)).toBe('Shipped');
    await manager.screenshot({ path: 'test-results/screenshots/manager-order.png' });
  } finally {
    await managerContext.close();
  }
});
