import { AxeBuilder } from '@axe-core/playwright';
import type { Order } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { expect, openDemoStation, test } from './fixtures.ts';
import { PackPage } from './pages/pack.ts';
import { printedDocuments, recordPrintDialogs } from './pages/print-dialog.ts';
import { scan, tolerateSlowBursts } from './pages/scanner.ts';
import { ean, newOrder, pullAll } from './pages/server-data.ts';

test.beforeEach(async ({ page }) => {
  await tolerateSlowBursts(page);
  await recordPrintDialogs(page);
});

/** A Madrid order of the test's own and two scannable products: one in it, one not. */
async function madOrder(server: Parameters<typeof pullAll>[0]): Promise<{ number: string; item: Product; other: Product }> {
  const [sites, products] = await Promise.all([pullAll<Site>(server, 'sites'), pullAll<Product>(server, 'products')]);
  const mad = sites.find((s) => s.code === 'MAD');
  const [item, , other] = products.filter((p) => p.active && p.barcodes.length > 0);
  if (mad === undefined || item === undefined || other === undefined) throw new Error('demo seed lacks MAD or products');
  return { number: await newOrder(server, mad.id, [{ sku: item.sku, quantity: 1 }]), item, other };
}

/** The item's barcode with its last digit changed: a misread a check digit catches. */
function misreadOf(p: Product): string {
  const code = ean(p);
  return `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
}

test.describe('pack station, more', () => {
  test('wrong scans are said in Spanish and Italian, every box name fits, and Ctrl+Enter without a weight says why', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const { number, item, other } = await madOrder(server);
    const digit = ean(item).at(-1) ?? '';
    await openDemoStation({ firstRun, signIn, shell });
    const pack = new PackPage(page);
    const weight = page.getByTestId('pack-weight');
    await pack.openOrderByScan(number);
    await pack.expectBoxLabelsFit(['Envelope', 'Small', 'Medium', 'Large', 'Extra large']);

    await shell.setLocale('es');
    await shell.go('pack');
    await pack.openOrderByScan(number);
    await pack.scan(ean(other));
    await pack.expectWrong(`${ean(other)} (${other.name}) no está en este pedido`);
    await pack.scan(misreadOf(item));
    await pack.expectWrong(`Dígito de control incorrecto: ${misreadOf(item)} debería terminar en ${digit}`);
    await pack.expectBoxLabelsFit(['Sobre', 'Pequeña', 'Mediana', 'Grande', 'Extragrande']);
    await snap('pack-wrong-scan-es');
    // Everything packed, no weight typed: Ctrl+Enter says so and puts the cursor in the field.
    await pack.scan(ean(item));
    await pack.expectLine(item.sku, 1, 1);
    await page.locator('[data-testid="pack-box"] [data-box="XL"]').focus();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('pack-complete-error')).toHaveText('Introduzca el peso del paquete en gramos');
    await expect(weight).toBeFocused();
    await expect(page.getByTestId('pack-shipped')).toHaveCount(0);
    await snap('pack-screen-es');
    // Typing the weight answers it.
    await page.keyboard.type('800');
    await expect(page.getByTestId('pack-complete-error')).toHaveCount(0);

    await shell.setLocale('it');
    await shell.go('pack');
    await pack.openOrderByScan(number);
    await pack.scan(ean(other));
    await pack.expectWrong(`${ean(other)} (${other.name}) non è in questo ordine`);
    await pack.scan(misreadOf(item));
    await pack.expectWrong(`Cifra di controllo errata: ${misreadOf(item)} dovrebbe finire con ${digit}`);
    await pack.expectBoxLabelsFit(['Busta', 'Piccola', 'Media', 'Grande', 'Molto grande']);
    await snap('pack-wrong-scan-it');
    await page.locator('[data-testid="pack-box"] [data-box="XL"]').focus();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('pack-complete-error')).toHaveText('Inserisci il peso del pacco in grammi');
    await expect(weight).toBeFocused();
    await pack.scan(ean(item));
    await pack.expectWrong('Riga già completa: 1 di 1 imballati');
    await snap('pack-screen-it');
  });

  test('after shipping, Enter goes to the next order; the shipped order scanned again is read-only and prints again', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const { number, item } = await madOrder(server);
    await openDemoStation({ firstRun, signIn, shell });
    const pack = new PackPage(page);
    await pack.openOrderByScan(number);
    await pack.scan(ean(item));
    await expect(page.getByTestId('pack-weight')).toBeFocused();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('pack-complete-error')).toHaveText('Enter the package weight in grams');
    await expect(page.getByTestId('pack-weight')).toBeFocused();
    await expect(page.getByTestId('pack-shipped')).toHaveCount(0);
    await page.keyboard.type('750');
    await page.keyboard.press('Control+Enter');

    // The print dialog opened (slip, then label) and closed; focus ends on "Next order".
    await expect(page.getByTestId('pack-shipped')).toBeVisible();
    await expect(page.getByTestId('pack-print-status')).toHaveText('Slip and label sent to the print dialog');
    const tracking = (await page.getByTestId('pack-tracking').textContent()) ?? '';
    expect(tracking).toMatch(/^PL\d{13}$/);
    expect((await printedDocuments(page)).map((d) => d.title)).toEqual([`${number} slip`, `${number} label`]);
    await expect(page.getByTestId('pack-next')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pack-queue')).toBeVisible();

    // The same order scanned again: what happened to it, nothing to pack.
    await pack.openOrderByScan(number);
    await expect(pack.readOnly()).toHaveAttribute('data-status', 'shipped');
    await expect(page.getByTestId('pack-not-packable')).toHaveText('This order cannot be packed: it is shipped.');
    for (const control of ['pack-box', 'pack-weight', 'pack-complete', 'pack-undo', 'pack-feedback', 'pack-line']) {
      await expect(page.getByTestId(control)).toHaveCount(0);
    }
    await expect(page.getByText('All packed', { exact: false })).toHaveCount(0);
    const shipment = pack.readOnly().getByTestId('pack-readonly-shipment');
    await expect(shipment).toHaveCount(1);
    await expect(shipment.getByTestId('pack-tracking')).toHaveText(tracking);
    await expect(page.getByTestId('pack-next')).toBeFocused();
    await shipment.getByTestId('pack-reprint').click();
    await expect(shipment.getByTestId('pack-print-status')).toHaveText('Slip and label sent to the print dialog');
    const printed = await printedDocuments(page);
    expect(printed.map((d) => d.title)).toEqual([`${number} slip`, `${number} label`, `${number} slip`, `${number} label`]);
    expect(printed[3]?.html).toContain(tracking);
    // After printing, Enter still moves on.
    await expect(shipment.getByTestId('pack-reprint')).toBeEnabled();
    await expect(page.getByTestId('pack-next')).toBeFocused();
    await snap('pack-shipped-readonly');
    // Big type and contrast, as for the rest of the station (a11y.spec.ts checks the other screens).
    const axe = await new AxeBuilder({ page }).include('[data-testid="pack-readonly"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // An item scanned on it is refused, in words.
    // (No feedback line to watch yet: it appears with the first scan.)
    await expect(async () => {
      await scan(page, ean(item));
      await expect(pack.feedback()).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 30_000 });
    await pack.expectWrong('This order cannot be packed now');

    await page.getByTestId('pack-order-page').click();
    await expect(page.getByTestId('order-number')).toHaveText(number);
    await expect(page.getByTestId('tracking-number')).toHaveText(tracking);

    await shell.setLocale('es');
    await shell.go('pack');
    await pack.openOrderByScan(number);
    await expect(page.getByTestId('pack-not-packable')).toHaveText('Este pedido no se puede embalar: está enviado.');
    await expect(pack.readOnly().getByTestId('pack-reprint')).toHaveText('Imprimir de nuevo');
    await expect(pack.readOnly().getByTestId('pack-tracking')).toHaveText(tracking);
    await snap('pack-shipped-readonly-es');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pack-queue')).toBeVisible();
  });

  test('a cancelled or held order scanned says why it cannot be packed, offers nothing to pack, and Enter moves on', async ({ page, server, firstRun, signIn, shell, snap }) => {
    const [sites, orders] = await Promise.all([pullAll<Site>(server, 'sites'), pullAll<Order>(server, 'orders')]);
    const mad = sites.find((s) => s.code === 'MAD');
    const cancelled = orders.find((o) => o.siteId === mad?.id && o.status === 'cancelled');
    const held = orders.find((o) => o.siteId === mad?.id && (o.status === 'on_hold' || o.onHold) && o.status !== 'cancelled');
    if (cancelled === undefined || held === undefined) throw new Error('the demo seed has no cancelled or held order at MAD');
    await openDemoStation({ firstRun, signIn, shell });
    const pack = new PackPage(page);

    await pack.openOrderByScan(cancelled.number);
    await expect(pack.readOnly()).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('pack-not-packable')).toHaveText('This order cannot be packed: it is cancelled.');
    for (const control of ['pack-box', 'pack-weight', 'pack-complete', 'pack-undo', 'pack-feedback', 'pack-line']) {
      await expect(page.getByTestId(control)).toHaveCount(0);
    }
    await expect(page.getByTestId('pack-next')).toBeFocused();
    await snap('pack-cancelled');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pack-queue')).toBeVisible();

    await shell.setLocale('it');
    await shell.go('pack');
    await pack.openOrderByScan(held.number);
    await expect(pack.readOnly()).toHaveAttribute('data-status', 'on_hold');
    await expect(page.getByTestId('pack-not-packable')).toHaveText('Questo ordine non si può imballare: è bloccato.');
    await expect(page.getByTestId('pack-complete')).toHaveCount(0);
    await page.getByTestId('pack-order-page').click();
    await expect(page.getByTestId('order-number')).toHaveText(held.number);
  });
});
