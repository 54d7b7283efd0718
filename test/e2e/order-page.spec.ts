import type { Page } from '@playwright/test';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { DEMO_STAFF, expect, SCREENSHOTS, test, type ServerApi } from './fixtures.ts';
import { OrdersPage } from './pages/orders.ts';
import { pullAll } from './pages/server-data.ts';
import { scan, tolerateSlowBursts } from './pages/scanner.ts';

type Clash = { order: Order; shipment: Shipment; site: 'MAD' | 'MIL' | 'MAN'; sites: Site[]; orders: Order[] };

/** A demo order shipped although cancelled (server/seed/orders.ts `clash`, every 500th order), with its shipment. */
async function shippedWhileCancelled(server: ServerApi): Promise<Clash> {
  const [sites, orders, shipments] = await Promise.all([
    pullAll<Site>(server, 'sites'),
    pullAll<Order>(server, 'orders'),
    pullAll<Shipment>(server, 'shipments'),
  ]);
  const byOrder = new Map(shipments.map((s) => [s.orderId, s]));
  for (const order of orders) {
    const shipment = byOrder.get(order.id);
    const code = sites.find((s) => s.id === order.siteId)?.code;
    if (shipment === undefined || (code !== 'MAD' && code !== 'MIL' && code !== 'MAN')) continue;
    if (order.exceptions.some((x) => x.code === 'cancelled_and_shipped' && !x.resolved)) return { order, shipment, site: code, sites, orders };
  }
  throw new Error('the demo seed has no order shipped although cancelled');
}

/** The shipments table ends inside its panel, and the page does not scroll sideways. */
async function expectShipmentsFit(page: Page): Promise<void> {
  const panel = page.getByTestId('order-shipments');
  await expect(panel.getByTestId('shipment-reprint').first()).toBeVisible();
  const fit = await panel.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const table = el.querySelector('table')?.getBoundingClientRect();
    const cells = [...el.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right);
    const doc = document.scrollingElement ?? document.documentElement;
    return {
      tableInside: table !== undefined && table.right <= box.right + 0.5,
      cellsInside: cells.every((r) => r <= box.right + 0.5),
      pageScrollsSideways: doc.scrollWidth > doc.clientWidth,
    };
  });
  expect(fit).toEqual({ tableInside: true, cellsInside: true, pageScrollsSideways: false });
}

/** The shipments panel alone, scrolled clear of the fixed header and sync bar. */
async function shipmentsShot(page: Page, name: string): Promise<void> {
  const panel = page.getByTestId('order-shipments');
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await panel.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

test.describe('the order page', () => {
  test('says an exception in Spanish and Italian, naming the shipment by its tracking number, and its shipments fit', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const { order, shipment, site } = await shippedWhileCancelled(server);
    await firstRun.open();
    await firstRun.startDemoStation(site);
    await signIn.signInWithBadge(DEMO_STAFF.packer.badge(site), DEMO_STAFF.packer.pin);
    await shell.waitForInSync();
    await shell.setLocale('es');
    await shell.go('orders');
    const orders = new OrdersPage(page);
    await orders.waitForIndex();
    await orders.find(order.number, order.number);
    await orders.open(order.number);

    const clash = page.locator('[data-testid="order-exception"][data-code="cancelled_and_shipped"]');
    await expect(clash).toHaveCount(1);
    await expect(clash).toContainText('Enviado pese a estar cancelado — Requiere atención');
    await expect(clash.getByTestId('order-exception-text')).toHaveText(new RegExp(`^El envío ${shipment.trackingNumber} \\(\\d+ unidad(es)?\\) salió pese a que el pedido estaba cancelado\\.$`));
    // Never the store's ids, never English.
    await expect(page.getByTestId('order-exceptions')).not.toContainText(shipment.id);
    await expect(page.getByTestId('order-exceptions')).not.toContainText('went out');
    await expect(page.getByTestId('order-shipments').getByRole('columnheader', { name: 'Albarán y etiqueta' })).toBeVisible();
    await expectShipmentsFit(page);
    await snap('order-exception-es');
    await shipmentsShot(page, 'order-shipments-es');

    await shell.setLocale('it');
    await page.goBack();
    await expect(clash).toContainText('Spedito nonostante l\'annullamento — Da gestire');
    await expect(clash.getByTestId('order-exception-text')).toHaveText(
      new RegExp(`^La spedizione ${shipment.trackingNumber} \\(\\d+ unità\\) è partita nonostante l’ordine fosse annullato\\.$`),
    );
    await expect(page.getByTestId('order-exceptions')).not.toContainText(shipment.id);
    await expectShipmentsFit(page);
    await snap('order-exception-it');
    await shipmentsShot(page, 'order-shipments-it');

    await shell.setLocale('en');
    await page.goBack();
    await expect(clash.getByTestId('order-exception-text')).toHaveText(new RegExp(`^Shipment ${shipment.trackingNumber} \\(\\d+ units?\\) went out although the order was cancelled\\.$`));
    await expectShipmentsFit(page);
  });

  test('an all-sites manager scanning another site’s order on the orders screens opens its order page', async ({ page, server, firstRun, shell, snap }) => {
    await tolerateSlowBursts(page);
    const { orders, sites } = await shippedWhileCancelled(server);
    await firstRun.open();
    await firstRun.startDemoManager();
    await shell.waitForInSync(120_000);
    // The manager's session names one site; the order to scan is another site's.
    const own = await page.evaluate(() => {
      const stored: unknown = JSON.parse(localStorage.getItem('packline.session') ?? 'null');
      const station: unknown = typeof stored === 'object' && stored !== null && 'state' in stored && typeof stored.state === 'object' && stored.state !== null && 'station' in stored.state ? stored.state.station : null;
      return typeof station === 'object' && station !== null && 'siteId' in station && typeof station.siteId === 'string' ? station.siteId : null;
    });
    expect(own).not.toBeNull();
    const other = orders.find((o) => o.siteId !== own && sites.some((s) => s.id === o.siteId));
    if (other === undefined) throw new Error('the demo seed has no order outside the manager’s own site');

    await shell.go('orders');
    await expect(page).toHaveURL(/\/orders$/);
    await expect(async () => {
      await scan(page, other.number);
      await expect(page.getByTestId('order-number')).toHaveText(other.number, { timeout: 3000 });
    }).toPass({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/orders\/[^/]+$/);
    await expect(page.getByText(`No order ${other.number} at this site`)).toHaveCount(0);
    await snap('order-scanned-other-site');
  });
});
