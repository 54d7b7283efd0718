import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { code128Svg } from './barcode.ts';
import { addressLines, englishT, escapeHtml, type Translate } from './text.ts';

export type SlipPageSize = 'A4' | 'Letter';
export type DocOptions = { t?: Translate; pageSize?: SlipPageSize };
/** The slip as HTML, for the desktop's printers and the browser's print dialog (its PDF: pdf.ts). */
export type PackingSlip = { html: string; pageSize: SlipPageSize };

/** US and Canadian sites print on Letter, everyone else on A4. */
export function slipPageSize(site: Pick<Site, 'country'>): SlipPageSize {
  return site.country === 'US' || site.country === 'CA' ? 'Letter' : 'A4';
}

export type SlipLine = { sku: string; name: string; ordered: number; inPackage: number };

/** What the slip lists: each order line, and how many of it went in this shipment. */
export function slipLines(order: Order, shipment: Shipment): SlipLine[] {
  const packed = new Map<string, number>();
  for (const p of shipment.packages) for (const l of p.lines) packed.set(l.lineId, (packed.get(l.lineId) ?? 0) + l.qty);
  return order.lines.map((l) => ({ sku: l.sku, name: l.name, ordered: l.quantity, inPackage: packed.get(l.lineId) ?? 0 }));
}

/** The packing slip that goes in the box: order barcode, addresses, and what this package holds. */
export function buildPackingSlip(order: Order, site: Site, shipment: Shipment, opts: DocOptions = {}): PackingSlip {
  const t = opts.t ?? englishT;
  const pageSize = opts.pageSize ?? slipPageSize(site);
  const lines = slipLines(order, shipment);
  return { html: slipHtml(order, site, shipment, lines, t, pageSize), pageSize };
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
