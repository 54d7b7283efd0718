import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { code128Svg } from './barcode.ts';
import { addressLines, carrierService, englishT, escapeHtml, type Translate } from './text.ts';
import { zplField, zplText } from './zpl.ts';

/** ZPL for thermal printers on the network; HTML for printers the OS knows and the browser's print dialog (its PDF: pdf.ts). */
export type ShippingLabel = { zpl: string; html: string };

/** 4x6 inch at 203 dpi, the common thermal label. */
const DOTS_W = 812;
const DOTS_H = 1218;

/** The 4x6 shipping label: ship-from, ship-to, tracking barcode (Code 128), order and package. */
export function buildLabel(order: Order, site: Site, shipment: Shipment, opts: LabelOptions = {}): ShippingLabel {
  const t = opts.t ?? englishT;
  const weight = weightKg(shipment, opts.locale);
  return { zpl: labelZpl(order, site, shipment, t, weight), html: labelHtml(order, site, shipment, t, weight) };
}

/** A label's language and the station's locale (a BCP 47 tag: how its numbers are written); English and en-GB by default. */
export type LabelOptions = { t?: Translate; locale?: string };

/** The shipment's weight in kilograms, two decimals, written the station's way ("1,25" in Spain). */
export function weightKg(shipment: Shipment, locale = 'en-GB'): string {
  const grams = shipment.packages.reduce((s, p) => s + p.weightGrams, 0);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(grams / 1000);
}

function labelZpl(order: Order, site: Site, shipment: Shipment, t: Translate, weight: string): string {
  const from = [site.name, ...addressLines(site.address)];
  const to = addressLines(order.shippingAddress);
  const out = ['^XA', '^CI28', `^PW${DOTS_W}`, `^LL${DOTS_H}`];
  out.push(zplField(40, 30, 26, t('label.from')));
  from.forEach((line, i) => out.push(zplField(40, 62 + i * 30, 26, line)));
  out.push('^FO20,270^GB772,4,4^FS');
  out.push(zplField(40, 290, 30, t('label.to')));
  to.forEach((line, i) => out.push(zplField(40, 330 + i * 48, 44, line)));
  out.push('^FO20,640^GB772,4,4^FS');
  out.push(zplField(40, 660, 30, `${t('label.service')}: ${carrierService(t, shipment.carrier, shipment.service)}`));
  // Tracking barcode: Code 128, 220 dots high, human-readable line under it.
  out.push(`^FO60,710^BY3^BCN,220,Y,N,N^FH_^FD${zplText(shipment.trackingNumber)}^FS`);
  out.push(zplField(40, 1010, 30, `${t('label.order')}: ${order.number}`));
  out.push(zplField(40, 1050, 30, `${t('label.weight')}: ${weight} kg`));
  out.push('^XZ');
  return out.join('\n');
}

function labelHtml(order: Order, site: Site, shipment: Shipment, t: Translate, weight: string): string {
  const e = escapeHtml;
  const lines = (xs: string[]) => xs.map(e).join('<br>');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(shipment.trackingNumber)}</title><style>
@page{size:4in 6in;margin:0.15in}body{font:10pt system-ui,sans-serif;margin:0}
h2{font-size:9pt;margin:0;text-transform:uppercase}.to{font-size:15pt;font-weight:700}
section{border-bottom:2px solid #000;padding:0.08in 0}.bc svg{width:100%;height:1.1in}.trk{text-align:center;font:700 14pt monospace}</style></head><body>
<section><h2>${e(t('label.from'))}</h2>${lines([site.name, ...addressLines(site.address)])}</section>
<section><h2>${e(t('label.to'))}</h2><div class="to">${lines(addressLines(order.shippingAddress))}</div></section>
<section>${e(t('label.service'))}: ${e(carrierService(t, shipment.carrier, shipment.service))}<div class="bc">${code128Svg(shipment.trackingNumber, 20)}</div>
<div class="trk">${e(shipment.trackingNumber)}</div></section>
<p>${e(t('label.order'))}: ${e(order.number)}<br>${e(t('label.weight'))}: ${e(weight)} kg</p></body></html>`;
}
