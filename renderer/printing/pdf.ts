import { jsPDF, type jsPDFOptions } from 'jspdf';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { drawCode128 } from './barcode.ts';
import { weightKg, type LabelOptions } from './label.ts';
import { slipLines, slipPageSize, type DocOptions } from './slip.ts';
import { addressLines, carrierService, englishT } from './text.ts';

/**
 * The TrueType files the PDFs are set in (DejaVu Sans, regular and bold). PDF's built-in
 * fonts know only Latin-1, which would garble "Jiří", "Łódź" or "Дмитрий" on a label; these
 * cover Latin, Greek and Cyrillic, and jsPDF embeds only the glyphs a document uses.
 */
export type PdfFonts = { readonly regular: Uint8Array; readonly bold: Uint8Array };

/** The family name the documents use; registered on each new document. */
const FAMILY = 'PacklineSans';

function binaryString(bytes: Uint8Array): string {
  let out = '';
  // String.fromCharCode takes arguments: a font's 750 KB in one call would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function newDocument(options: jsPDFOptions, fonts: PdfFonts): jsPDF {
  const pdf = new jsPDF({ ...options, compress: true });
  pdf.addFileToVFS('PacklineSans-Regular.ttf', binaryString(fonts.regular));
  pdf.addFont('PacklineSans-Regular.ttf', FAMILY, 'normal');
  pdf.addFileToVFS('PacklineSans-Bold.ttf', binaryString(fonts.bold));
  pdf.addFont('PacklineSans-Bold.ttf', FAMILY, 'bold');
  return pdf;
}

/** The packing slip as PDF (the browser's "Slip PDF"): the same content as its HTML. */
export function packingSlipPdf(order: Order, site: Site, shipment: Shipment, fonts: PdfFonts, opts: DocOptions = {}): Uint8Array {
  const t = opts.t ?? englishT;
  const pageSize = opts.pageSize ?? slipPageSize(site);
  const pdf = newDocument({ unit: 'mm', format: pageSize === 'A4' ? 'a4' : 'letter' }, fonts);
  const width = pdf.internal.pageSize.getWidth();
  pdf.setFont(FAMILY, 'bold').setFontSize(20).text(t('slip.title'), 15, 22);
  pdf.setFont(FAMILY, 'normal').setFontSize(11);
  pdf.text(`${t('slip.order')} ${order.number}`, 15, 30);
  pdf.text(`${t('slip.tracking')} ${shipment.trackingNumber}`, 15, 36);
  drawCode128(pdf, order.number, width - 85, 14, 70, 16);
  pdf.setFont(FAMILY, 'bold').text(t('slip.shipFrom'), 15, 50).text(t('slip.shipTo'), width / 2, 50);
  pdf.setFont(FAMILY, 'normal');
  pdf.text([site.name, ...addressLines(site.address)], 15, 56);
  pdf.text(addressLines(order.shippingAddress), width / 2, 56);
  let y = 92;
  pdf.setFont(FAMILY, 'bold');
  pdf.text(t('slip.sku'), 15, y).text(t('slip.item'), 60, y);
  pdf.text(t('slip.ordered'), width - 60, y, { align: 'right' }).text(t('slip.inPackage'), width - 15, y, { align: 'right' });
  pdf.setFont(FAMILY, 'normal');
  for (const l of slipLines(order, shipment)) {
    y += 7;
    if (y > pdf.internal.pageSize.getHeight() - 15) {
      pdf.addPage();
      y = 20;
    }
    pdf.text(l.sku, 15, y).text(pdf.splitTextToSize(l.name, width - 120)[0] ?? '', 60, y);
    pdf.text(String(l.ordered), width - 60, y, { align: 'right' }).text(String(l.inPackage), width - 15, y, { align: 'right' });
  }
  return new Uint8Array(pdf.output('arraybuffer'));
}

/** The 4x6 shipping label as PDF (the browser's "Label PDF"): the same content as its ZPL and HTML. */
export function labelPdf(order: Order, site: Site, shipment: Shipment, fonts: PdfFonts, opts: LabelOptions = {}): Uint8Array {
  const t = opts.t ?? englishT;
  // 4 x 6 in, in points (72 per inch).
  const pdf = newDocument({ unit: 'pt', format: [288, 432] }, fonts);
  pdf.setFont(FAMILY, 'bold').setFontSize(9).text(t('label.from'), 14, 20);
  pdf.setFont(FAMILY, 'normal').text([site.name, ...addressLines(site.address)], 14, 32);
  pdf.setLineWidth(1.5).line(8, 100, 280, 100);
  pdf.setFont(FAMILY, 'bold').setFontSize(11).text(t('label.to'), 14, 118);
  pdf.setFontSize(15).text(addressLines(order.shippingAddress), 14, 138);
  pdf.line(8, 232, 280, 232);
  pdf.setFont(FAMILY, 'normal').setFontSize(9).text(`${t('label.service')}: ${carrierService(t, shipment.carrier, shipment.service)}`, 14, 248);
  drawCode128(pdf, shipment.trackingNumber, 14, 258, 260, 80);
  // Tracking numbers are ASCII (letters, digits, dashes): the built-in monospace serves.
  pdf.setFont('courier', 'bold').setFontSize(14).text(shipment.trackingNumber, 144, 356, { align: 'center' });
  pdf.setFont(FAMILY, 'normal').setFontSize(10);
  pdf.text(`${t('label.order')}: ${order.number}`, 14, 385).text(`${t('label.weight')}: ${weightKg(shipment, opts.locale)} kg`, 14, 400);
  return new Uint8Array(pdf.output('arraybuffer'));
}
