import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { makeTrackingNumber } from '../../shared/barcodes/tracking.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { code128Bars } from '../../renderer/printing/barcode.ts';
import { buildLabel } from '../../renderer/printing/label.ts';
import { labelPdf, packingSlipPdf, type PdfFonts } from '../../renderer/printing/pdf.ts';
import { buildPackingSlip, slipPageSize } from '../../renderer/printing/slip.ts';
import { translatorFor } from '../../renderer/printing/text.ts';
import { zplText } from '../../renderer/printing/zpl.ts';
import enPacking from '../../renderer/i18n/locales/en/packing.json' with { type: 'json' };
import esPacking from '../../renderer/i18n/locales/es/packing.json' with { type: 'json' };
import itPacking from '../../renderer/i18n/locales/it/packing.json' with { type: 'json' };
import { buildShipment, orderWith, stamp } from '../shared/builders.ts';

const site: Site = {
  id: 'site-a',
  code: 'MAD1',
  name: 'Madrid warehouse',
  country: 'ES',
  timezone: 'Europe/Madrid',
  currency: 'EUR',
  locale: 'es-ES',
  address: { name: 'Packline Madrid', line1: 'Calle de Alcalá 1', city: 'Madrid', postalCode: '28014', country: 'ES' },
  hlc: stamp(0),
};
const tracking = makeTrackingNumber('PL', 12, 42);
const order = orderWith([], {
  shippingAddress: { name: 'Evil ^XZ~JA Hacker', line1: '1 Caret ^FO Road_', line2: 'line\r\nbreak', city: 'London', postalCode: 'SW1', country: 'GB' },
});
const shipment = buildShipment({ trackingNumber: tracking });

type Run = { text: string; font: string; embedded: boolean };

/**
 * The text runs of a PDF's first page, each with the font it is drawn in and whether that
 * font's glyphs are in the file. Extracted text alone proves nothing about what prints: a
 * built-in font shows "Jiří" as "Ji" and two wrong glyphs even where a reader extracts it.
 */
async function textRuns(pdf: Uint8Array): Promise<Run[]> {
  const doc = await getDocumentProxy(pdf.slice());
  const page = await doc.getPage(1);
  // Loads the page's fonts into commonObjs.
  await page.getOperatorList();
  const content = await page.getTextContent();
  const runs: Run[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const font: unknown = page.commonObjs.get(item.fontName);
    const info = typeof font === 'object' && font !== null ? font : {};
    runs.push({
      text: item.str,
      font: 'name' in info && typeof info.name === 'string' ? info.name : item.fontName,
      embedded: 'missingFile' in info && info.missingFile === false,
    });
  }
  return runs;
}

/** The fonts the app ships for its PDFs, read from the package the renderer fetches them from. */
const fontFile = (name: string): Uint8Array => new Uint8Array(readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`)));
const fonts: PdfFonts = { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') };

/** What a PDF says, page by page, as PDF.js reads it (through the fonts' Unicode maps). */
async function pdfText(pdf: Uint8Array): Promise<string[]> {
  // PDF.js takes ownership of the buffer it is given.
  const doc = await getDocumentProxy(pdf.slice());
  return (await extractText(doc, { mergePages: false })).text;
}

/** A PDF's page size in points, from its first MediaBox. */
function mediaBox(pdf: Uint8Array): number[] {
  const doc = new TextDecoder('latin1').decode(pdf);
  const box = /\/MediaBox \[([\d. ]+)\]/.exec(doc)?.[1];
  return (box ?? '').split(' ').map(Number);
}

/** People's names from Prague, Kraków, Athens and Kyiv: none of it fits PDF's built-in Latin-1 fonts. */
const farAway = orderWith([], {
  shippingAddress: { name: 'Jiří Dvořák', line1: 'ulica Świętego Łukasza 5', city: 'Kraków', postalCode: '31-000', country: 'PL', line2: 'Ελένη / Дмитрий' },
});

describe('packing slip', () => {
  const slip = buildPackingSlip(order, site, shipment);

  it('has the order number, its Code 128 barcode, addresses and lines in the HTML', () => {
    expect(slip.html).toContain('data-field="order-number">PL-100001<');
    expect(slip.html).toMatch(/data-field="order-barcode"><svg/);
    expect(slip.html).toContain('Calle de Alcalá 1');
    expect(slip.html).toContain('Evil ^XZ~JA Hacker');
    expect(slip.html).toContain('<td>MUG-BLUE</td><td>Blue mug</td><td class="n">2</td><td class="n">2</td>');
    expect(slip.html).toContain(tracking);
    expect(slip.html).toContain('size:A4');
  });

  it('escapes HTML in customer text', () => {
    const nasty = orderWith([], { shippingAddress: { ...order.shippingAddress, name: '<script>alert(1)</script>' } });
    const html = buildPackingSlip(nasty, site, shipment).html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('makes a PDF with the order number, tracking number, addresses and lines', async () => {
    const pdf = packingSlipPdf(order, site, shipment, fonts);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const [page] = await pdfText(pdf);
    expect(page).toContain('Packing slip');
    expect(page).toContain('Order PL-100001');
    expect(page).toContain(`Tracking ${tracking}`);
    expect(page).toContain('Calle de Alcalá 1');
    expect(page).toContain('Evil ^XZ~JA Hacker');
    expect(page).toMatch(/MUG-BLUE\s+Blue mug\s+2\s+2/);
    // A4, in points.
    expect(mediaBox(pdf).map(Math.round)).toEqual([0, 0, 595, 842]);
  });

  it('writes names in any Latin, Greek or Cyrillic script, and the station’s language, in the PDF', async () => {
    const pdf = packingSlipPdf(farAway, site, shipment, fonts, { t: translatorFor(esPacking) });
    const [page] = await pdfText(pdf);
    expect(page).toContain('Jiří Dvořák');
    expect(page).toContain('ulica Świętego Łukasza 5');
    expect(page).toContain('31-000 Kraków');
    expect(page).toContain('Ελένη / Дмитрий');
    expect(page).toContain('Albarán');
    // Every word is drawn in the embedded font, whose glyphs travel with the file.
    const runs = await textRuns(pdf);
    expect(runs.find((r) => r.text.includes('Jiří'))).toMatchObject({ font: 'PacklineSans', embedded: true });
    expect(runs.filter((r) => !r.embedded)).toEqual([]);
  });

  it('runs onto a second page when the lines do not fit on one', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ lineId: `L${i}`, productId: `prod-${i}`, sku: `SKU-${i}`, name: `Item ${i}`, quantity: 1, unitPrice: 100 }));
    const long = orderWith([], { lines: many });
    const pages = await pdfText(packingSlipPdf(long, site, buildShipment({ trackingNumber: tracking }), fonts));
    expect(pages.length).toBe(2);
    expect(pages[1]).toContain('SKU-59');
  });

  it('prints on Letter in North America', () => {
    expect(slipPageSize({ country: 'US' })).toBe('Letter');
    expect(buildPackingSlip(order, { ...site, country: 'US' }, shipment).html).toContain('size:Letter');
  });
});

describe('shipping label', () => {
  const label = buildLabel(order, site, shipment);

  it('is one 4x6 ZPL format with a Code 128 tracking barcode', () => {
    expect(label.zpl.startsWith('^XA\n^CI28\n^PW812\n^LL1218')).toBe(true);
    expect(label.zpl.trim().endsWith('^XZ')).toBe(true);
    expect(label.zpl).toContain(`^BCN,220,Y,N,N^FH_^FD${tracking}^FS`);
    expect(label.zpl).toContain('^FDPackline Madrid^FS');
    expect(label.zpl).toContain('^FDSW1 London^FS');
    expect(label.zpl).toContain('^FDOrder: PL-100001^FS');
    expect(label.zpl).toContain('^FDWeight: 0.85 kg^FS');
  });

  it('writes the weight the station’s way', () => {
    const heavy = buildShipment({ trackingNumber: tracking, packages: [{ ...shipment.packages[0]!, weightGrams: 12_345 }] });
    const spanish = buildLabel(order, site, heavy, { t: translatorFor(esPacking), locale: 'es-ES' });
    expect(spanish.zpl).toContain('^FDPeso: 12,35 kg^FS');
    expect(spanish.html).toContain('Peso: 12,35 kg');
    expect(buildLabel(order, site, heavy, { locale: 'en-US' }).zpl).toContain('^FDWeight: 12.35 kg^FS');
  });

  it('names the carrier and service in words, in the station’s language', () => {
    const own = buildShipment({ trackingNumber: tracking, carrier: 'packline-fleet', service: 'next_day' });
    expect(buildLabel(order, site, own).zpl).toContain('^FDService: Packline own fleet / Next day^FS');
    const italian = buildLabel(order, site, own, { t: translatorFor(itPacking) });
    expect(italian.html).toContain('Servizio: Flotta propria Packline / Giorno successivo');
    // Another carrier's names are its own.
    expect(buildLabel(order, site, buildShipment({ trackingNumber: tracking, carrier: 'Correos Express', service: 'paq24' })).zpl).toContain('^FDService: Correos Express / paq24^FS');
  });

  it('neutralises ^ and ~ (and control characters) in people-typed text', () => {
    expect(label.zpl).toContain('^FH_^FDEvil _5EXZ_7EJA Hacker^FS');
    expect(label.zpl).toContain('^FD1 Caret _5EFO Road_5F^FS');
    expect(label.zpl).toContain('^FDline  break^FS');
    // Only the commands we wrote start a format or a field: exactly one ^XA/^XZ pair.
    expect(label.zpl.match(/\^XA/g)).toHaveLength(1);
    expect(label.zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(label.zpl).not.toContain('~JA');
    expect(zplText('a^b~c_d\te')).toBe('a_5Eb_7Ec_5Fd e');
  });

  it('has a 4x6 PDF with the tracking number and both addresses', async () => {
    const pdf = labelPdf(order, site, shipment, fonts);
    expect(mediaBox(pdf)).toEqual([0, 0, 288, 432]);
    const [page] = await pdfText(pdf);
    expect(page).toContain(tracking);
    expect(page).toContain('Packline Madrid');
    expect(page).toContain('28014 Madrid');
    expect(page).toContain('Evil ^XZ~JA Hacker');
    expect(page).toContain('SW1 London');
    expect(page).toContain('Order: PL-100001');
    expect(label.html).toContain(tracking);
  });

  it('writes the ship-to in its own script on the PDF label, in the station’s language', async () => {
    const pdf = labelPdf(farAway, site, shipment, fonts, { t: translatorFor(itPacking), locale: 'it-IT' });
    const [page] = await pdfText(pdf);
    expect(page).toContain('Jiří Dvořák');
    expect(page).toContain('Ελένη / Дмитрий');
    expect(page).toContain(tracking);
    expect(page).toContain('Ordine: PL-100001');
    // 850 g, written as in the station's locale.
    expect(page).toContain('Peso: 0,85 kg');
    // Only the tracking number (ASCII by construction) is in a built-in font, Courier.
    const runs = await textRuns(pdf);
    expect(runs.find((r) => r.text.includes('Дмитрий'))?.embedded).toBe(true);
    expect(runs.filter((r) => !r.embedded)).toEqual([{ text: tracking, font: 'Courier-Bold', embedded: false }]);
  });
});

describe('Code 128 bars', () => {
  it('encodes with start, data, check and stop symbols (11 modules each, stop 13)', () => {
    const { modules, bars } = code128Bars('PL-1');
    // Start + 4 data + check = 6 symbols of 11 modules, plus a 13-module stop.
    expect(modules).toBe(6 * 11 + 13);
    expect(bars.length).toBeGreaterThan(10);
  });
});

function keysOf(o: unknown, prefix = ''): string[] {
  return typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];
}

describe('packing translations', () => {
  it('es and it have every English key', () => {
    const en = keysOf(enPacking).sort();
    expect(keysOf(esPacking).sort()).toEqual(en);
    expect(keysOf(itPacking).sort()).toEqual(en);
  });
});
