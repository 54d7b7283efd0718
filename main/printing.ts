import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { PageSize, PrintDocumentArgs, PrintOutcome, Printer } from '../shared/bridge/contract.ts';
import type { WebContentsHost, WindowConstructor } from './electron-host.ts';
import { HostError } from './host-error.ts';

/**
 * Packing slips and labels printed without a dialog to the printer the station chose. The HTML
 * is rendered in its own hidden window with scripts off, no preload and no network, so a slip
 * can never run code or reach anything, and it is thrown away after the job.
 */

/** Chromium's print path wants microns; 4x6 in is the thermal shipping-label size. */
const PRINT_PAGE_SIZES: Readonly<Record<PageSize, WebContentsPrintOptions['pageSize']>> = {
  A4: 'A4',
  Letter: 'Letter',
  '4x6': { width: 101_600, height: 152_400 },
};
/** printToPDF wants inches. */
const PDF_PAGE_SIZES: Readonly<Record<PageSize, PrintToPDFOptions['pageSize']>> = {
  A4: 'A4',
  Letter: 'Letter',
  '4x6': { width: 4, height: 6 },
};

/** A print job that never calls back must not leave a hidden window behind forever. */
const PRINT_TIMEOUT_MS = 60_000;

export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webviewTag: false,
    // An in-memory session: no app storage, and the server's auth header is not added here.
    partition: 'packline-print',
  },
};

/** Nothing but inline styles and embedded images: a slip may not fetch a tracking pixel. */
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** Put the CSP inside <head>, after any doctype, so the document keeps standards mode. */
export function withPrintCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head !== null) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype !== null) return doctype[0] + meta + html.slice(doctype[0].length);
  return `<!doctype html>${meta}${html}`;
}

export async function listPrinters(contents: WebContentsHost): Promise<Printer[]> {
  const printers = await contents.getPrintersAsync();
  return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, description: p.description }));
}

export type PrintDeps = {
  readonly BrowserWindow: WindowConstructor;
  readonly listPrinters: () => Promise<Printer[]>;
  /** Where the PDF fallback goes (Documents/Packline). */
  readonly pdfDir: string;
  readonly tempDir: string;
  readonly now?: () => Date;
};

export async function printDocument(deps: PrintDeps, args: PrintDocumentArgs): Promise<PrintOutcome> {
  const printers = await deps.listPrinters();
  if (args.printer !== undefined && !printers.some((p) => p.name === args.printer)) {
    throw new HostError('printer-not-found', `Printer "${args.printer}" is not installed on this station. Choose another printer in Settings.`);
  }
  // A file, not a data: URL: Chromium caps URLs at 2 MB and a slip may be that big.
  const dir = await mkdtemp(path.join(deps.tempDir, 'packline-print-'));
  const file = path.join(dir, `${args.kind}.html`);
  await writeFile(file, withPrintCsp(args.html), { mode: 0o600 });
  const window = new deps.BrowserWindow(PRINT_WINDOW_OPTIONS);
  try {
    await window.loadFile(file);
    if (printers.length === 0) {
      // No printer at all (a laptop in the office): keep the document rather than lose it.
      const pdf = await window.webContents.printToPDF({ pageSize: PDF_PAGE_SIZES[args.pageSize], printBackground: true });
      await mkdir(deps.pdfDir, { recursive: true });
      const stamp = (deps.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-');
      const pdfPath = path.join(deps.pdfDir, `${args.kind}-${stamp}.pdf`);
      await writeFile(pdfPath, pdf);
      return { outcome: 'pdf', path: pdfPath };
    }
    await silentPrint(window.webContents, {
      silent: true,
      // Empty means the system's default printer.
      deviceName: args.printer ?? '',
      pageSize: PRINT_PAGE_SIZES[args.pageSize],
      printBackground: true,
      // Labels are designed edge to edge; slips keep the printer's margins.
      margins: { marginType: args.kind === 'label' ? 'none' : 'default' },
    });
    return { outcome: 'printed', printer: args.printer ?? null };
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

function silentPrint(contents: WebContentsHost, options: WebContentsPrintOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new HostError('print-failed', 'The printer did not accept the job within a minute — check that it is on and has paper.')),
      PRINT_TIMEOUT_MS,
    );
    contents.print(options, (success, failureReason) => {
      clearTimeout(timer);
      if (success) resolve();
      else reject(new HostError('print-failed', `Printing failed: ${failureReason || 'unknown reason'} — check the printer and try again.`));
    });
  });
}
