import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import type { Staff } from '../../shared/schema/staff.ts';
import { expect, openDemoStation, SCREENSHOTS, test, type ServerApi } from './fixtures.ts';
import { OrdersPage } from './pages/orders.ts';
import { pullAll } from './pages/server-data.ts';

type Target = { order: Order; shipment: Shipment; packerName: string };

/** A delivered MAD order with a shipment, a captured payment and a packer in its log. */
async function deliveredOrderAtMad(server: ServerApi): Promise<Target> {
  const [sites, orders, shipments, staff] = await Promise.all([
    pullAll<Site>(server, 'sites'),
    pullAll<Order>(server, 'orders'),
    pullAll<Shipment>(server, 'shipments'),
    pullAll<Staff>(server, 'staff'),
  ]);
  const mad = sites.find((s) => s.code === 'MAD');
  const byOrder = new Map(shipments.map((s) => [s.orderId, s]));
  for (const order of orders) {
    const shipment = byOrder.get(order.id);
    const packer = order.events.find((e) => e.type === 'packed')?.staffId;
    const packerName = staff.find((s) => s.id === packer)?.name;
    if (order.siteId === mad?.id && order.status === 'delivered' && order.payments.length > 0 && shipment && packerName !== undefined) {
      return { order, shipment, packerName };
    }
  }
  throw new Error('the demo seed has no delivered MAD order with a shipment');
}

test.describe('orders search and order page', () => {
  test('finds an order by number, email, SKU and tracking number', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const { order, shipment } = await deliveredOrderAtMad(server);
    const sku = order.lines[0]?.sku ?? '';
    await openDemoStation({ firstRun, signIn, shell });
    await shell.go('orders');
    const orders = new OrdersPage(page);
    await orders.waitForIndex();
    // Counts are written in the station's locale: "2,281 orders".
    await expect(page.getByTestId('orders-count')).toHaveText(/^\d{1,3}(,\d{3})+ orders$/);
    await snap('orders-list');

    await orders.find(order.number, order.number);
    await expect(page.getByTestId('order-row')).toHaveCount(1);
    // Its site, by code.
    await expect(orders.row(order.number).locator('[role="cell"]').nth(3)).toHaveText('MAD');
    await snap('orders-search-number');
    await orders.find(order.email, order.number);
    await snap('orders-search-email');
    await orders.find(sku, order.number);
    await snap('orders-search-sku');
    await orders.find(shipment.trackingNumber, order.number);
    await expect(page.getByTestId('order-row')).toHaveCount(1);
    await snap('orders-search-tracking');

    await orders.search('no-such-order-zzz');
    await expect(page.getByTestId('orders-none')).toBeVisible();
  });

  test('the order page shows lines, payments, shipment and a timeline in words', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const { order, shipment, packerName } = await deliveredOrderAtMad(server);
    await openDemoStation({ firstRun, signIn, shell });
    await shell.go('orders');
    const orders = new OrdersPage(page);
    await orders.waitForIndex();
    await orders.search(order.number);
    await orders.open(order.number);

    await expect(page.getByTestId('order-status')).toHaveText('Delivered');
    await expect(orders.lines()).toHaveCount(order.lines.length);
    const first = order.lines[0];
    if (first === undefined) throw new Error('order without lines');
    const line = page.locator(`[data-testid="order-line"][data-sku="${first.sku}"]`);
    await expect(line.locator('[data-col="shipped"]')).toHaveText(String(first.quantity));
    await expect(orders.payments()).toHaveCount(order.payments.length);
    await expect(orders.payments().first()).toContainText('Captured');
    await expect(page.getByTestId('tracking-number')).toHaveText(shipment.trackingNumber);
    await expect(orders.timeline()).toHaveCount(order.events.length);
    await expect(page.locator('[data-testid="timeline-event"][data-type="created"]')).toContainText('Order created');
    await expect(page.locator('[data-testid="timeline-event"][data-type="shipped"]')).toContainText(shipment.trackingNumber);
    const packed = page.locator('[data-testid="timeline-event"][data-type="packed"]').first();
    await expect(packed).toContainText(packerName);
    // Which box, in words, not the package's id.
    await expect(packed).toContainText(/\(box: (Small|Medium|Large)\)/);
    // Which station, by the name the server has for it, not its id.
    await expect(packed.getByTestId('timeline-station')).toHaveText(/^Pack [1-3]$/);
    await snap('order-page');
    await page.getByTestId('order-timeline').screenshot({ path: `${SCREENSHOTS}/order-timeline.png` });

    // The same page in Spanish and Italian: words, money and dates follow the language.
    await shell.setLocale('es');
    await page.goBack();
    await expect(page.getByTestId('order-status')).toHaveText('Entregado');
    await expect(page.locator('[data-testid="timeline-event"][data-type="created"]')).toContainText('Pedido creado');
    await snap('order-page-es');
    await shell.setLocale('it');
    await page.goBack();
    await expect(page.getByTestId('order-status')).toHaveText('Consegnato');
    await snap('order-page-it');
  });
});
