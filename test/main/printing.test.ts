import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PrinterInfo } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPrinters, PRINT_WINDOW_OPTIONS, printDocument, withPrintCsp, type PrintDeps } from '../../main/printing.ts';
import type { PrintDocumentArgs } from '../../shared/bridge/contract.ts';
import { createFakeElectron, FakeWebContents, type FakeElectron } from './fake-electron.ts';

const zebra: PrinterInfo = { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', description: 'Shipping labels', options: {} };
const laser: PrinterInfo = { name: 'HP_LaserJet_M404', displayName: 'HP LaserJet M404', description: 'Packing slips', options: {} };
const slip: PrintDocumentArgs = { kind: 'slip', html: '<!doctype html><html><head><title>Slip</title></head><body>Order 1001</body></html>', pageSize: 'A4' };
const label: PrintDocumentArgs = { kind: 'label', html: '<div>1Z999</div>', pageSize: '4x6', printer: 'Zebra_ZD421' };

describe('printing', () => {
  let dir: string;
  let fake: FakeElectron;
  let installed: PrinterInfo[];
  let deps: PrintDeps;
  /** What the hidden print window's webContents does when asked to print. */
  const printWindow = () => {
    const window = fake.windows.at(-1);
    if (window === undefined) throw new Error('no print window was created');
    return window;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-print-test-'));
    fake = createFakeElectron(dir);
    installed = [zebra, laser];
    deps = {
      BrowserWindow: fake.host.BrowserWindow,
      listPrinters: async () => installed.map((p) => ({ name: p.name, displayName: p.displayName, description: p.description })),
      pdfDir: path.join(dir, 'Documents', 'Packline'),
      tempDir: dir,
      now: () => new Date('2025-03-01T10:20:30.000Z'),
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a 4x6 label silently to the chosen printer, page size in microns, no margins', async () => {
    expect(await printDocument(deps, label)).toEqual({ outcome: 'printed', printer: 'Zebra_ZD421' });
    expect(printWindow().webContents.printCalls).toEqual([
      { silent: true, deviceName: 'Zebra_ZD421', pageSize: { width: 101_600, height: 152_400 }, printBackground: true, margins: { marginType: 'none' } },
    ]);
  });

  it('prints an A4 or Letter slip to the default printer when none is chosen', async () => {
    await printDocument(deps, slip);
    await printDocument(deps, { ...slip, pageSize: 'Letter', printer: 'HP_LaserJet_M404' });
    const calls = fake.windows.flatMap((w) => w.webContents.printCalls);
    expect(calls.map((c) => [c.deviceName, c.pageSize, c.margins])).toEqual([
      ['', 'A4', { marginType: 'default' }],
      ['HP_LaserJet_M404', 'Letter', { marginType: 'default' }],
    ]);
  });

  it('renders in a hidden, sandboxed window with scripts off, no preload and its own session', async () => {
    await printDocument(deps, label);
    expect(printWindow().options).toEqual(PRINT_WINDOW_OPTIONS);
    expect(PRINT_WINDOW_OPTIONS).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(PRINT_WINDOW_OPTIONS.webPreferences?.preload).toBeUndefined();
    expect(PRINT_WINDOW_OPTIONS.webPreferences?.partition).not.toMatch(/^persist:/);
  });

  it('loads the document from a private temp file with a no-network CSP, then cleans up', async () => {
    await printDocument(deps, slip);
    const window = printWindow();
    expect(window.loadedHtml).toContain(`<head><meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(window.loadedHtml).toContain('Order 1001');
    expect(window.destroyed).toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith('packline-print-'))).toEqual([]);
  });

  it('refuses a printer that is not installed, before rendering anything', async () => {
    await expect(printDocument(deps, { ...label, printer: 'Zebra_GONE' })).rejects.toMatchObject({
      code: 'printer-not-found',
      message: 'Printer "Zebra_GONE" is not installed on this station. Choose another printer in Settings.',
    });
    expect(fake.windows).toEqual([]);
  });

  it('reports the printer’s failure reason and still closes the window', async () => {
    fake.printResult = { success: false, failureReason: 'Print job failed' };
    await expect(printDocument(deps, label)).rejects.toMatchObject({ code: 'print-failed', message: 'Printing failed: Print job failed — check the printer and try again.' });
    expect(printWindow().destroyed).toBe(true);
  });

  it('saves a PDF instead when the station has no printer at all', async () => {
    installed = [];
    const outcome = await printDocument(deps, { ...label, printer: undefined });
    const expectedPath = path.join(dir, 'Documents', 'Packline', 'label-2025-03-01T10-20-30-000Z.pdf');
    expect(outcome).toEqual({ outcome: 'pdf', path: expectedPath });
    expect(printWindow().webContents.pdfCalls).toEqual([{ pageSize: { width: 4, height: 6 }, printBackground: true }]);
    expect(printWindow().webContents.printCalls).toEqual([]);
    expect(existsSync(expectedPath)).toBe(true);
    expect((await readFile(expectedPath)).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('lists printers by OS name with a readable name', async () => {
    const contents = new FakeWebContents();
    contents.printers = [zebra, { ...laser, displayName: '' }];
    expect(await listPrinters(contents)).toEqual([
      { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', description: 'Shipping labels' },
      { name: 'HP_LaserJet_M404', displayName: 'HP_LaserJet_M404', description: 'Packing slips' },
    ]);
  });
});

describe('print CSP', () => {
  const meta = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`;
  it.each([
    ['<!DOCTYPE html><html><HEAD lang="en"><title>x</title></head></html>', `<!DOCTYPE html><html><HEAD lang="en">${meta}<title>x</title></head></html>`],
    ['<!doctype html><p>no head</p>', `<!doctype html>${meta}<p>no head</p>`],
    ['<p>fragment</p>', `<!doctype html>${meta}<p>fragment</p>`],
  ])('goes inside <head>, after the doctype: %s', (html, expected) => {
    expect(withPrintCsp(html)).toBe(expected);
  });

  it('is not fooled by <header>', () => {
    expect(withPrintCsp('<!doctype html><header>Acme</header>')).toBe(`<!doctype html>${meta}<header>Acme</header>`);
  });
});
