import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_STAFF, expect, test } from './fixtures.ts';
import { OrdersPage } from './pages/orders.ts';
import { PackPage } from './pages/pack.ts';
import { tolerateSlowBursts } from './pages/scanner.ts';
import { demoSite, ean, newOrder, scannableProducts } from './pages/server-data.ts';

/**
 * Every main screen against WCAG 2.x A and AA with axe-core: big type and high contrast are
 * part of how the pack station must feel (DESIGN.md), and the screens must work by keyboard
 * and screen reader too. Each finding is listed with where it is, so a failure says what to fix.
 */
async function violations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${screen}: ${v.id} (${v.impact ?? 'n/a'}) ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`));
}

test('the main screens meet WCAG 2.1 AA as axe-core checks it', async ({ page, server, firstRun, signIn, shell }) => {
  await tolerateSlowBursts(page);
  const [mad, [a]] = await Promise.all([demoSite(server, 'MAD'), scannableProducts(server)]);
  if (a === undefined) throw new Error('the demo seed has no product to scan');
  const number = await newOrder(server, mad.id, [{ sku: a.sku, quantity: 2 }]);
  const found: string[] = [];

  await firstRun.open();
  found.push(...(await violations(page, 'first run')));
  await firstRun.startDemoStation('MAD');
  await signIn.waitForStaff();
  found.push(...(await violations(page, 'sign-in')));
  await signIn.pickName(DEMO_STAFF.packer.badge('MAD'));
  found.push(...(await violations(page, 'PIN')));
  await signIn.enterPin(DEMO_STAFF.packer.pin);
  await shell.waitForInSync();
  await expect(page.getByTestId('pack-queue-row').first()).toBeVisible();
  found.push(...(await violations(page, 'pack queue')));

  const pack = new PackPage(page);
  await pack.openOrderByScan(number);
  await pack.scan(ean(a));
  await pack.expectLine(a.sku, 1, 2);
  found.push(...(await violations(page, 'pack screen')));
  await pack.scan('0000000000000');
  await expect(pack.feedback()).toHaveAttribute('data-kind', 'error');
  found.push(...(await violations(page, 'pack screen, wrong scan')));
  await pack.scan(ean(a));
  await pack.expectLine(a.sku, 2, 2);
  await pack.complete('Medium', 500);
  found.push(...(await violations(page, 'shipped')));

  await shell.go('orders');
  const orders = new OrdersPage(page);
  await orders.find(number, number);
  found.push(...(await violations(page, 'orders')));
  await orders.open(number);
  found.push(...(await violations(page, 'order page')));
  await shell.go('sync');
  await expect(page.getByTestId('sync-row-orders')).toBeVisible();
  found.push(...(await violations(page, 'sync')));
  await shell.go('settings');
  found.push(...(await violations(page, 'settings')));

  expect(found, found.join('\n')).toEqual([]);
});
