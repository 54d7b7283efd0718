import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_ERROR_CODES, fail, succeed } from '../../shared/bridge/result.ts';
import type { Host } from '../../renderer/host/host.ts';
import { desktopHost } from '../support/host.ts';
import { printShipmentDocuments, notPrinted, type PrintFailure } from '../../renderer/printing/print.ts';
import { printFailureText, printReportLine } from '../../renderer/printing/print-failure-text.ts';
import type { ShippingLabel } from '../../renderer/printing/label.ts';
import type { PackingSlip } from '../../renderer/printing/slip.ts';
import { englishT, translatorFor } from '../../renderer/printing/text.ts';
import enPacking from '../../renderer/i18n/locales/en/packing.json' with { type: 'json' };
import esPacking from '../../renderer/i18n/locales/es/packing.json' with { type: 'json' };
import itPacking from '../../renderer/i18n/locales/it/packing.json' with { type: 'json' };

const slip: PackingSlip = { html: '<p>slip</p>', pageSize: 'A4' };
const label: ShippingLabel = { html: '<p>label</p>', zpl: '^XA^XZ' };
const settings = { slipPrinter: 'Office laser', labelPrinter: null, zplHost: null, zplPort: 9100 };

function desktop(printDocument: Host['printDocument'], sendZpl?: Host['sendZpl']): Host {
  return desktopHost(sendZpl === undefined ? { printDocument } : { printDocument, sendZpl });
}

describe('a print that failed', () => {
  it('keeps which document, which printer and the host’s reason', async () => {
    const host = desktop((args) =>
      Promise.resolve(args.kind === 'slip' ? fail('printer-not-found', 'Printer "Office laser" is not installed on this station.') : succeed({ outcome: 'printed' as const, printer: null })),
    );
    const report = await printShipmentDocuments(host, settings, slip, label, 'PL-1');
    expect(report.slip).toEqual({ ok: false, code: 'printer-not-found', doc: 'slip', printer: 'Office laser', message: 'Printer "Office laser" is not installed on this station.' });
    expect(report.label).toEqual({ ok: true, how: 'printed' });
  });

  it('names a network label printer by host and port', async () => {
    const zpl = vi.fn<Host['sendZpl']>(() => Promise.resolve(fail('printer-unreachable', 'Label printer 10.0.0.9:9100 cannot be reached from this station')));
    const printDocument = vi.fn<Host['printDocument']>(() => Promise.resolve(succeed({ outcome: 'printed' as const, printer: null })));
    const host = desktop(printDocument, zpl);
    const report = await printShipmentDocuments(host, { ...settings, zplHost: '10.0.0.9' }, slip, label, 'PL-1');
    expect(zpl).toHaveBeenCalledExactlyOnceWith({ host: '10.0.0.9', port: 9100, zpl: '^XA^XZ' });
    // The label went to the network printer only; the slip to its own printer.
    expect(printDocument.mock.calls.map(([a]) => [a.kind, a.printer])).toEqual([['slip', 'Office laser']]);
    expect(report.label).toMatchObject({ ok: false, code: 'printer-unreachable', doc: 'label', printer: '10.0.0.9:9100' });
  });
});

describe('a print failure in words', () => {
  const unreachable: PrintFailure = { code: 'printer-unreachable', doc: 'label', printer: '10.0.0.9:9100', message: 'Label printer 10.0.0.9:9100 cannot be reached' };
  const notFound: PrintFailure = { code: 'printer-not-found', doc: 'slip', printer: 'Office laser', message: 'x' };

  it('says which printer and what to check, in each language', () => {
    expect(printFailureText(englishT, unreachable)).toBe('The label printer 10.0.0.9:9100 cannot be reached. Is it switched on and on the network?');
    expect(printFailureText(translatorFor(esPacking), notFound)).toBe('La impresora de albaranes «Office laser» no está instalada en este ordenador. Elija otra en Ajustes y vuelva a imprimir.');
    expect(printFailureText(translatorFor(itPacking), unreachable)).toBe('La stampante delle etichette 10.0.0.9:9100 non è raggiungibile. È accesa e collegata alla rete?');
  });

  it('says every bridge failure in each language, keeping the host’s English out of it', () => {
    const host = 'Error: ENOENT spawn lp at ChildProcess._handle.onexit';
    for (const file of [enPacking, esPacking, itPacking]) {
      const t = translatorFor(file);
      const said = BRIDGE_ERROR_CODES.map((code) => printFailureText(t, { code, doc: 'label', printer: 'Zebra', message: host }));
      for (const sentence of said) {
        expect(sentence).not.toContain(host);
        expect(sentence).not.toMatch(/printErrors\.|\{\{/);
      }
      // Each code is said in its own words, none by the general fallback.
      expect(new Set(said).size).toBe(BRIDGE_ERROR_CODES.length);
      expect(said).not.toContain(t('printErrors.other'));
    }
    expect(printFailureText(englishT, { code: 'internal', doc: 'slip', printer: null, message: host })).toBe(
      'The slip printer did not get the document: something went wrong in the desktop app. Restart Packline; if it happens again, tell your lead.',
    );
    expect(printFailureText(translatorFor(esPacking), { code: 'encryption-unavailable', doc: 'label', printer: null, message: host })).toBe(
      'La aplicación de escritorio no pudo imprimir: este ordenador no tiene un almacén seguro para la clave del puesto. Pida a quien se ocupa de este ordenador que configure el llavero del sistema.',
    );
    expect(printFailureText(translatorFor(itPacking), { code: 'invalid-args', doc: 'slip', printer: null, message: host })).toBe(
      'L’app desktop ha rifiutato la richiesta di stampa. Riavvia Packline; se succede di nuovo, avvisa il tuo responsabile.',
    );
    expect(printFailureText(englishT, { code: 'site-missing', doc: null, printer: null, message: 'x' })).toBe(
      "This site's address has not synced yet, so the slip and label cannot be made",
    );
  });

  it('says a code this version does not know (a newer desktop host) in general words', () => {
    // oxlint-disable-next-line typescript/no-unsafe-type-assertion -- a code from a newer host, which the types cannot know
    const unknown = { code: 'scanner-gone', doc: 'slip', printer: null, message: 'scanner-gone: usb reset' } as unknown as PrintFailure;
    expect(printFailureText(englishT, unknown)).toBe('Printing failed. Restart Packline; if it happens again, tell your lead.');
  });

  it('reports each distinct failure once on the pack screen, with the technical reasons as its detail', () => {
    const line = printReportLine(englishT, { slip: { ok: false, ...notFound }, label: { ok: false, ...unreachable } });
    expect(line.ok).toBe(false);
    expect(line.text).toBe(
      'The slip printer “Office laser” is not installed on this computer. Choose another in Settings, then print again. The label printer 10.0.0.9:9100 cannot be reached. Is it switched on and on the network?',
    );
    expect(line.detail).toBe('x | Label printer 10.0.0.9:9100 cannot be reached');
    const both = notPrinted('build-failed', 'jsPDF: out of memory');
    expect(printReportLine(englishT, both).text).toBe('The slip and label could not be made on this computer. Print them again; if it happens again, tell your lead.');
    expect(printReportLine(englishT, both).detail).toBe('jsPDF: out of memory');
    expect(printReportLine(englishT, { slip: { ok: true, how: 'dialog' }, label: { ok: true, how: 'dialog' } })).toEqual({ text: 'Slip and label sent to the print dialog', ok: true, detail: '' });
  });
});
