import { describe, expect, it } from 'vitest';
import { makeTrackingNumber } from '../../shared/barcodes/tracking.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { code128Bars } from '../../renderer/printing/barcode.ts';
import { buildLabel } from '../../renderer/printing/label.ts';
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

/** jsPDF writes uncompressed text objects, `(text) Tj`: enough to find what a page says. */
function pdfText(pdf: Uint8Array): string {
  return new TextDecoder('latin1').decode(pdf);
}

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

  it('makes a PDF with the order number and tracking text', () => {
    const text = pdfText(slip.pdf);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('(Order PL-100001) Tj');
    expect(text).toContain(`(Tracking ${tracking}) Tj`);
    expect(text).toContain('(MUG-BLUE) Tj');
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

  it('has a 4x6 PDF with the tracking number and addresses', () => {
    const text = pdfText(label.pdf);
    expect(text).toContain('/MediaBox [0 0 288');
    expect(text).toContain(`(${tracking}) Tj`);
    expect(text).toContain('(Packline Madrid) Tj');
    expect(label.html).toContain(tracking);
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
