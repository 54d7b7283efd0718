import { jsPDF } from 'jspdf';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { code128Svg, drawCode128 } from './barcode.ts';
import { addressLines, englishT, escapeHtml, type Translate } from './text.ts';

export type SlipPageSize = 'A4' | 'Letter';
export type DocOptions = { t?: Translate; pageSize?: SlipPageSize };
export type PackingSlip = { html: string; pdf: Uint8Array; pageSize: SlipPageSize };

/** US and Canadian sites print on Letter, everyone else on A4. */
export function slipPageSize(site: Pick<Site, 'country'>): SlipPageSize {
  return site.country === 'US' || site.country === 'CA' ? 'Letter' : 'A4';
}

type SlipLine = { sku: string; name: string; ordered: number; inPackage: number };

function slipLines(order: Order, shipment: Shipment): SlipLine[] {
  const packed = new Map<string, number>();
  for (const p of shipment.packages) for (const l of p.lines) packed.set(l.lineId, (packed.get(l.lineId) ?? 0) + l.qty);
  return order.lines.map((l) => ({ sku: l.sku, name: l.name, ordered: l.quantity, inPackage: packed.get(l.lineId) ?? 0 }));
}

/** The packing slip that goes in the box: order barcode, addresses, and what this package holds. */
export function buildPackingSlip(order: Order, site: Site, shipment: Shipment, opts: DocOptions = {}): PackingSlip {
  const t = opts.t ?? englishT;
  const pageSize = opts.pageSize ?? slipPageSize(site);
  const lines = slipLines(order, shipment);
  return { html: slipHtml(order, site, shipment, lines, t, pageSize), pdf: slipPdf(order, site, shipment, lines, t, pageSize), pageSize };
}

function slipHtml(order: Order, site: Site, shipment: Shipment, lines: SlipLine[], t: Translate, pageSize: SlipPageSize): string {
  const e = escapeHtml;
  const addr = (a: Order['shippingAddress']) => addressLines(a).map(e).join('<br>');
  const rows = lines
    .map((l) => `<tr><td>${e(l.sku)}</td><td>${e(l.name)}</td><td class="n">${l.ordered}</td><td class="n">${l.inPackage}</td></tr>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(t('slip.title'))} ${e(order.number)}</title><style>
@page{size:${pageSize};margin:15mm}body{font:11pt system-ui,sans-serif;color:#000}
h1{font-size:20pt;margin:0}.top{display:flex;justify-content:space-between;align-items:flex-start}
.cols{display:flex;gap:20mm;margin:8mm 0}.cols h2{font-size:10pt;text-transform:uppercase;margin:0 0 2mm}
table{width:100%;border-collapse:collapse}th,td{border-bottom:1px solid #999;padding:2mm;text-align:left}.n{text-align:right}
.barcode svg{height:16mm}</style></head><body>
<div class="top"><div><h1>${e(t('slip.title'))}</h1><p>${e(t('slip.order'))} <strong data-field="order-number">${e(order.number)}</strong><br>
${e(t('slip.tracking'))} <strong>${e(shipment.trackingNumber)}</strong></p></div>
<div class="barcode" data-field="order-barcode">${code128Svg(order.number)}</div></div>
<div class="cols"><div><h2>${e(t('slip.shipFrom'))}</h2>${e(site.name)}<br>${addr(site.address)}</div>
<div><h2>${e(t('slip.shipTo'))}</h2>${addr(order.shippingAddress)}</div></div>
<table><thead><tr><th>${e(t('slip.sku'))}</th><th>${e(t('slip.item'))}</th><th class="n">${e(t('slip.ordered'))}</th><th class="n">${e(t('slip.inPackage'))}</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`;
}

function slipPdf(order: Order, site: Site, shipment: Shipment, lines: SlipLine[], t: Translate, pageSize: SlipPageSize): Uint8Array {
  const pdf = new jsPDF({ unit: 'mm', format: pageSize === 'A4' ? 'a4' : 'letter' });
  const width = pdf.internal.pageSize.getWidth();
  pdf.setFont('helvetica', 'bold').setFontSize(20).text(t('slip.title'), 15, 22);
  pdf.setFont('helvetica', 'normal').setFontSize(11);
  pdf.text(`${t('slip.order')} ${order.number}`, 15, 30);
  pdf.text(`${t('slip.tracking')} ${shipment.trackingNumber}`, 15, 36);
  drawCode128(pdf, order.number, width - 85, 14, 70, 16);
  pdf.setFont('helvetica', 'bold').text(t('slip.shipFrom'), 15, 50).text(t('slip.shipTo'), width / 2, 50);
  pdf.setFont('helvetica', 'normal');
  pdf.text([site.name, ...addressLines(site.address)], 15, 56);
  pdf.text(addressLines(order.shippingAddress), width / 2, 56);
  let y = 92;
  pdf.setFont('helvetica', 'bold');
  pdf.text(t('slip.sku'), 15, y).text(t('slip.item'), 60, y);
  pdf.text(t('slip.ordered'), width - 60, y, { align: 'right' }).text(t('slip.inPackage'), width - 15, y, { align: 'right' });
  pdf.setFont('helvetica', 'normal');
  for (const l of lines) {
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
