import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyBarcode, gtinCheckDigit, isValidGtin, makeEan13 } from '../../shared/barcodes/gtin.ts';
import { isValidTrackingNumber, luhnCheckDigit, makeTrackingNumber, parseTrackingNumber } from '../../shared/barcodes/tracking.ts';
import { fcSeed } from './arbitraries.ts';

const seed = fcSeed();

/** Every other digit in a position, so a test can tell single-digit errors apart. */
const otherDigit = (d: string, delta: number) => String((Number(d) + delta) % 10);

describe('GS1 check digits', () => {
  it('knows published examples', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(isValidGtin('4006381333931')).toBe(true); // EAN-13
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A
    expect(isValidGtin('96385074')).toBe(true); // EAN-8
    expect(isValidGtin('00012345600012')).toBe(true); // GTIN-14
    expect(gtinCheckDigit('10614141123456789')).toBe(7); // GS1's SSCC-18 example, 17 digits before the check
  });

  it('classifies by length, only when valid', () => {
    expect(classifyBarcode('4006381333931')).toBe('EAN13');
    expect(classifyBarcode('036000291452')).toBe('UPCA');
    expect(classifyBarcode('00012345600012')).toBe('GTIN14');
    expect(classifyBarcode('96385074')).toBe('EAN8');
    expect(classifyBarcode('4006381333932')).toBeNull();
    expect(classifyBarcode('40063813339')).toBeNull();
    expect(classifyBarcode('400638133393a')).toBeNull();
    expect(classifyBarcode('')).toBeNull();
  });

  it('refuses bad input', () => {
    expect(() => gtinCheckDigit('12a')).toThrow(/1 to 17 digits/);
    expect(() => gtinCheckDigit('')).toThrow(/1 to 17 digits/);
    expect(() => makeEan13('123')).toThrow(/12 digits/);
  });

  it('makes valid EAN-13s and catches every single-digit error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat({ max: 12 }), fc.integer({ min: 1, max: 9 }), (prefix, pos, delta) => {
        const code = makeEan13(prefix);
        expect(code.startsWith(prefix)).toBe(true);
        expect(classifyBarcode(code)).toBe('EAN13');
        const typo = code.slice(0, pos) + otherDigit(code.charAt(pos), delta) + code.slice(pos + 1);
        expect(isValidGtin(typo)).toBe(false);
      }),
      { seed, numRuns: 500 },
    );
  });
});

describe('own-fleet tracking numbers', () => {
  it('follows the Luhn scheme', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    const n = makeTrackingNumber('PL', 7, 1234);
    expect(n).toBe('PL0007000012349');
    expect(isValidTrackingNumber(n)).toBe(true);
    expect(parseTrackingNumber(n)).toStrictEqual({ prefix: 'PL', stationNo: 7, seq: 1234 });
  });

  it('refuses bad parts rather than wrap or truncate', () => {
    expect(() => makeTrackingNumber('pl', 1, 1)).toThrow(/capital letters/);
    expect(() => makeTrackingNumber('PLXYZ', 1, 1)).toThrow(/capital letters/);
    expect(() => makeTrackingNumber('PL', 10_000, 1)).toThrow(RangeError);
    expect(() => makeTrackingNumber('PL', 1, 100_000_000)).toThrow(RangeError);
    expect(() => makeTrackingNumber('PL', 1, -1)).toThrow(RangeError);
    expect(() => makeTrackingNumber('PL', 1.5, 1)).toThrow(RangeError);
    expect(isValidTrackingNumber('PL000100000001')).toBe(false);
    expect(isValidTrackingNumber('')).toBe(false);
  });

  it('is unique per (station, sequence), round-trips, and catches single-digit errors', () => {
    const stationArb = fc.integer({ min: 0, max: 9999 });
    const seqArb = fc.integer({ min: 0, max: 99_999_999 });
    fc.assert(
      fc.property(fc.constantFrom('PL', 'PKL', 'ABCD'), stationArb, seqArb, stationArb, seqArb, fc.integer({ min: 1, max: 9 }), (prefix, st1, sq1, st2, sq2, delta) => {
        const a = makeTrackingNumber(prefix, st1, sq1);
        const b = makeTrackingNumber(prefix, st2, sq2);
        expect(a === b).toBe(st1 === st2 && sq1 === sq2);
        expect(parseTrackingNumber(a)).toStrictEqual({ prefix, stationNo: st1, seq: sq1 });
        const digitsFrom = prefix.length;
        const pos = digitsFrom + ((st2 + sq2) % 13);
        const typo = a.slice(0, pos) + otherDigit(a.charAt(pos), delta) + a.slice(pos + 1);
        expect(isValidTrackingNumber(typo)).toBe(false);
      }),
      { seed, numRuns: 500 },
    );
  });
});
