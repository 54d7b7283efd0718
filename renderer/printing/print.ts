import type { BridgeErrorCode, BridgeResult } from '../../shared/bridge/result.ts';
import type { Host } from '../host/host.ts';
import { printInDialog } from './browser-print.ts';
import type { ScannerSettings } from '../scanner/settings.ts';
import type { ShippingLabel } from './label.ts';
import type { PackingSlip } from './slip.ts';

/**
 * Why a document did not leave the station, for the pack screen to say in the station's
 * language (printFailureText): the host's code, or 'site-missing' (the site's address has not
 * synced), 'dialog-failed' (the browser would not open its print dialog) or 'build-failed'
 * (making the documents).
 */
export type PrintFailure = {
  readonly code: BridgeErrorCode | 'site-missing' | 'dialog-failed' | 'build-failed';
  /** Which document; null when neither could be made. */
  readonly doc: 'slip' | 'label' | null;
  /** The printer it went to: its name, or host:port of a network label printer; null for the default. */
  readonly printer: string | null;
  /** The host's sentence, or the error's: technical, in English (a tooltip, the log). */
  readonly message: string;
};

/** How one document left the station (the browser: through its print dialog), or why it did not. */
export type PrintStatus = { ok: true; how: 'printed' | 'saved-pdf' | 'dialog' } | ({ ok: false } & PrintFailure);
export type PrintReport = { slip: PrintStatus; label: PrintStatus };

type PrinterSettings = Pick<ScannerSettings, 'slipPrinter' | 'labelPrinter' | 'zplHost' | 'zplPort'>;

/** A host's answer to a print, as the pack and settings screens report it. */
export function fromBridge(r: BridgeResult<{ outcome: 'printed' } | { outcome: 'pdf' } | { bytes: number }>, doc: 'slip' | 'label', printer: string | null): PrintStatus {
  if (!r.ok) return { ok: false, code: r.error.code, doc, printer, message: r.error.message };
  return { ok: true, how: 'outcome' in r.value && r.value.outcome === 'pdf' ? 'saved-pdf' : 'printed' };
}

/**
 * Sends the slip and label to the station's printers. Desktop: silently to the chosen printers,
 * the label as raw ZPL when a network thermal printer is set. Browser: there is no silent
 * printing, so the print dialog opens for the slip, then for the label (their PDFs can be
 * downloaded from the screen). Never throws: a failed print must not undo a shipment, it is
 * reported and can be repeated.
 */
export async function printShipmentDocuments(host: Host, settings: PrinterSettings, slip: PackingSlip, label: ShippingLabel, fileStem: string): Promise<PrintReport> {
  if (host.kind === 'browser') {
    const slipStatus = await inDialog(slip.html, `${fileStem} slip`, 'slip');
    return { slip: slipStatus, label: await inDialog(label.html, `${fileStem} label`, 'label') };
  }
  const slipResult = fromBridge(
    await host.printDocument({ kind: 'slip', html: slip.html, pageSize: slip.pageSize, ...(settings.slipPrinter ? { printer: settings.slipPrinter } : {}) }),
    'slip',
    settings.slipPrinter ?? null,
  );
  const labelResult = settings.zplHost !== null
    ? fromBridge(await host.sendZpl({ host: settings.zplHost, port: settings.zplPort, zpl: label.zpl }), 'label', `${settings.zplHost}:${settings.zplPort}`)
    : fromBridge(await host.printDocument({ kind: 'label', html: label.html, pageSize: '4x6', ...(settings.labelPrinter ? { printer: settings.labelPrinter } : {}) }), 'label', settings.labelPrinter ?? null);
  return { slip: slipResult, label: labelResult };
}

async function inDialog(html: string, title: string, doc: 'slip' | 'label'): Promise<PrintStatus> {
  try {
    await printInDialog(html, title);
    return { ok: true, how: 'dialog' };
  } catch (err) {
    return { ok: false, code: 'dialog-failed', doc, printer: null, message: err instanceof Error ? err.message : String(err) };
  }
}

/** Both documents failed alike: the site's address is missing, or they could not be made. */
export function notPrinted(code: 'site-missing' | 'build-failed', message: string): PrintReport {
  const failed: PrintStatus = { ok: false, code, doc: null, printer: null, message };
  return { slip: failed, label: failed };
}
