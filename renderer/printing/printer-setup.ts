import { IsHostname, IsIPv4 } from 'typebox/format';
import type { Printer } from '../../shared/bridge/contract.ts';
import { ZPL_DEFAULT_PORT } from '../../shared/bridge/contract.ts';
import type { Host } from '../host/host.ts';
import type { ScannerSettings } from '../scanner/settings.ts';
import { code128Svg } from './barcode.ts';
import { fromBridge, type PrintStatus } from './print.ts';
import type { SlipPageSize } from './slip.ts';
import { escapeHtml, type Translate } from './text.ts';
import { zplField, zplText } from './zpl.ts';

/** Where raw ZPL goes: a thermal printer on the network, on its raw port. */
export type ZplTarget = { readonly host: string; readonly port: number };
export type ZplTargetProblem = 'host-missing' | 'host-invalid' | 'port-invalid';


/**
 * A network label printer's address as typed in Settings: an IPv4 address or a host name, and a
 * port (9100 when left empty). "10.0.0.9:9100" in the address field is taken apart, as people
 * copy it from a printer's configuration page. Accepts nothing the bridge's schema would refuse.
 */
export function parseZplTarget(hostText: string, portText: string): { ok: true; value: ZplTarget } | { ok: false; problem: ZplTargetProblem } {
  let host = hostText.trim();
  let port = portText.trim();
  const withPort = /^([^:]+):(\d+)$/.exec(host);
  if (withPort?.[1] !== undefined && withPort[2] !== undefined && (port === '' || port === withPort[2])) {
    host = withPort[1];
    port = withPort[2];
  }
  if (host === '') return { ok: false, problem: 'host-missing' };
  // The bridge's own format checks (shared/bridge/contract.ts ZplArgs). A dotted-number name is
  // an address or nothing: 10.0.0.300 is not a host name.
  if (/^[\d.]+$/.test(host) ? !IsIPv4(host) : host.length > 253 || !IsHostname(host)) return { ok: false, problem: 'host-invalid' };
  const n = port === '' ? ZPL_DEFAULT_PORT : /^\d{1,5}$/.test(port) ? Number(port) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65_535) return { ok: false, problem: 'port-invalid' };
  return { ok: true, value: { host, port: n } };
}

/**
 * A printer chosen in Settings that this computer no longer has (unplugged, renamed): null when
 * the choice is the system default or still installed, or when the printers are not known yet.
 */
export function missingPrinter(chosen: string | null, installed: readonly Printer[] | null): string | null {
  if (chosen === null || installed === null) return null;
  return installed.some((p) => p.name === chosen) ? null : chosen;
}

export type TestPrintFacts = { station: string; printer: string; when: string };

/** A one-page test for the slip printer: says which station and printer, on the site's paper. */
export function testPageHtml(t: Translate, facts: TestPrintFacts, pageSize: SlipPageSize): string {
  const e = escapeHtml;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(t('testPrint.title'))}</title><style>
@page{size:${pageSize};margin:15mm}body{font:12pt system-ui,sans-serif;color:#000}h1{font-size:20pt}
.bc svg{height:14mm}</style></head><body>
<h1>${e(t('testPrint.title'))}</h1>
<p>${e(t('testPrint.slipBody', facts))}</p>
<div class="bc">${code128Svg('PACKLINE-TEST', 14)}</div>
<p>${e(t('testPrint.barcodeHelp'))}</p></body></html>`;
}

/** The same test as a 4x6 label for an installed label printer. */
export function testLabelHtml(t: Translate, facts: TestPrintFacts): string {
  const e = escapeHtml;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(t('testPrint.title'))}</title><style>
@page{size:4in 6in;margin:0.15in}body{font:12pt system-ui,sans-serif;margin:0}h1{font-size:16pt}.bc svg{width:100%;height:1.1in}</style></head><body>
<h1>${e(t('testPrint.title'))}</h1><p>${e(t('testPrint.labelBody', facts))}</p>
<div class="bc">${code128Svg('PACKLINE-TEST', 20)}</div><p>${e(t('testPrint.barcodeHelp'))}</p></body></html>`;
}

/** The test label in ZPL for a network thermal printer (4x6 in at 203 dpi, like the shipping label). */
export function testLabelZpl(t: Translate, facts: TestPrintFacts): string {
  return [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL1218',
    zplField(40, 40, 50, t('testPrint.title')),
    zplField(40, 130, 32, t('testPrint.labelBody', facts), 730, 6),
    `^FO60,420^BY3^BCN,200,Y,N,N^FH_^FD${zplText('PACKLINE-TEST')}^FS`,
    zplField(40, 700, 28, t('testPrint.barcodeHelp'), 730, 3),
    '^XZ',
  ].join('\n');
}

type PrinterSettings = Pick<ScannerSettings, 'slipPrinter' | 'labelPrinter' | 'zplHost' | 'zplPort'>;

/**
 * Sends a test to the printer chosen for slips or for labels, the way a shipment's documents go
 * (printShipmentDocuments): the label as raw ZPL when a network printer is set.
 */
export async function printTest(host: Host, settings: PrinterSettings, doc: 'slip' | 'label', t: Translate, facts: Omit<TestPrintFacts, 'printer'>, pageSize: SlipPageSize): Promise<PrintStatus> {
  if (doc === 'slip') {
    const printer = settings.slipPrinter;
    const html = testPageHtml(t, { ...facts, printer: printer ?? t('testPrint.defaultPrinter') }, pageSize);
    return fromBridge(await host.printDocument({ kind: 'slip', html, pageSize, ...(printer === null ? {} : { printer }) }), 'slip', printer);
  }
  if (settings.zplHost !== null) {
    const target = `${settings.zplHost}:${settings.zplPort}`;
    return fromBridge(await host.sendZpl({ host: settings.zplHost, port: settings.zplPort, zpl: testLabelZpl(t, { ...facts, printer: target }) }), 'label', target);
  }
  const printer = settings.labelPrinter;
  const html = testLabelHtml(t, { ...facts, printer: printer ?? t('testPrint.defaultPrinter') });
  return fromBridge(await host.printDocument({ kind: 'label', html, pageSize: '4x6', ...(printer === null ? {} : { printer }) }), 'label', printer);
}
