import { DEMO_STAFF, expect, test } from './fixtures.ts';

test('the station switches to Spanish and Italian, and the screens follow', async ({ page, firstRun, signIn, shell, snap }) => {
  await firstRun.open();
  // A new station can be set up in its own language, from a switch named in all three.
  await expect(page.getByRole('group', { name: 'Language · Idioma · Lingua' })).toBeVisible();
  await page.getByTestId('first-run-locale-it').click();
  await expect(page.getByRole('heading', { name: 'Benvenuto in Packline' })).toBeVisible();
  await snap('first-run-it');
  await page.getByTestId('first-run-locale-en').click();
  await firstRun.startDemoStation('MIL');
  await signIn.signInWithBadge(DEMO_STAFF.packer.badge('MIL'), DEMO_STAFF.packer.pin);
  await shell.waitForInSync();
  await shell.go('sync');
  await expect(page.getByTestId('refusals-empty')).toBeVisible();
  await expect(page.getByTestId('sync-row-orders')).not.toContainText('…');
  // Each collection's line: in sync and following changes, nothing waiting, downloaded today.
  for (const name of ['sites', 'products', 'orders', 'shipments', 'movements', 'staff', 'refusals']) {
    await expect(page.getByTestId(`sync-phase-${name}`)).toHaveText('Up to date');
  }
  await snap('sync-en');
  await shell.go('settings');
  await expect(page.getByTestId('printers-unavailable')).toContainText('In a web browser, Packline opens the print dialog for each slip and label');
  await expect(page.getByTestId('app-version')).toHaveText(/^0\.1\.0 \(web, Chromium [\d.]+\)$/);
  await snap('settings-en');

  await shell.setLocale('es');
  await expect(page.getByTestId('printers-unavailable')).toContainText('En un navegador web, Packline abre el diálogo de impresión');
  await expect(page.getByRole('heading', { name: 'Ajustes' })).toBeVisible();
  await expect(page.getByTestId('nav-orders')).toHaveText('Pedidos');
  await expect(page.getByTestId('sync-state')).toContainText('En línea');
  await expect(page.getByTestId('sync-pending')).toHaveText('0 cambios pendientes de subir');
  await snap('settings-es');
  await page.getByTestId('nav-pack').click();
  await snap('pack-queue-es');

  await shell.setLocale('it');
  await expect(page.getByRole('heading', { name: 'Impostazioni' })).toBeVisible();
  await expect(page.getByTestId('printers-unavailable')).toContainText('In un browser web, Packline apre la finestra di stampa');
  await expect(page.getByTestId('nav-orders')).toHaveText('Ordini');
  await expect(page.getByTestId('sync-state')).toContainText('Online');
  await snap('settings-it');
  await page.getByTestId('nav-sync').click();
  await expect(page.getByRole('heading', { name: 'Sincronizzazione' })).toBeVisible();
  await expect(page.getByTestId('sync-phase-orders')).toHaveText('Aggiornato');
  await snap('sync-it');
  // Sync problems are said in the station's language too, with what failed and why; the log
  // (here the browser's console) gets the technical English.
  const logged: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().startsWith('[packline] sync: ')) logged.push(m.text());
  });
  await page.context().setOffline(true);
  const work = /(Scaricamento|Caricamento|Sincronizzazione) [a-z ]+|Aggiornamenti in tempo reale/;
  await expect(page.getByTestId('sync-error')).toContainText(/^Problema di sincronizzazione: /);
  await expect(page.getByTestId('sync-error')).toContainText(work);
  await expect(page.getByTestId('sync-error')).toContainText(/impossibile raggiungere il server|connessione interrotta/);
  await expect(page.getByTestId('sync-page-problem')).toContainText(/impossibile raggiungere il server|connessione interrotta/);
  await snap('sync-offline-it');
  expect(logged.some((l) => /cannot reach the server|event stream/.test(l))).toBe(true);
  await page.context().setOffline(false);
  await expect(page.getByTestId('sync-error')).toHaveCount(0, { timeout: 60_000 });

  // The choice is the station's: it survives signing out and a reload.
  await page.getByTestId('sign-out').click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Accedi' })).toBeVisible();
  await snap('signin-it');

  // Settings waits for someone signed in: the sign-in screen's header switches the language.
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  await page.getByTestId('header-locale-en').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
