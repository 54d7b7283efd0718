/**
 * GS1 identification keys (GTIN-8, GTIN-12/UPC-A, GTIN-13/EAN-13, GTIN-14) as printed on
 * products and cases. Scanners in keyboard-wedge mode type the digits; checking the digit
 * here catches misreads and hand-typed typos before they reach a pick or a count.
 */

export type BarcodeKind = 'EAN13' | 'UPCA' | 'GTIN14' | 'EAN8';

const KIND_BY_LENGTH: Readonly<Record<number, BarcodeKind>> = { 8: 'EAN8', 12: 'UPCA', 13: 'EAN13', 14: 'GTIN14' };

/**
 * The GS1 mod-10 check digit for the digits before it: weights 3 and 1 alternate starting
 * with 3 on the rightmost digit, so one routine serves every GTIN length (and SSCC-18's 17).
 */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  if (!/^\d{1,17}$/.test(digitsWithoutCheck)) {
    throw new Error(`A GS1 check digit needs 1 to 17 digits, got ${JSON.stringify(digitsWithoutCheck)}`);
  }
  let sum = 0;
  let weight = 3;
  for (let i = digitsWithoutCheck.length - 1; i >= 0; i--) {
    sum += weight * (digitsWithoutCheck.charCodeAt(i) - 48);
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for an 8, 12, 13 or 14 digit code whose last digit is its GS1 check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/** The symbology a valid code belongs to, by length; null for anything that is not a valid GTIN. */
export function classifyBarcode(code: string): BarcodeKind | null {
  if (!isValidGtin(code)) return null;
  return KIND_BY_LENGTH[code.length] ?? null;
}

/** An EAN-13 from its first 12 digits (GS1 company prefix + item reference), check digit appended. */
export function makeEan13(prefix12: string): string {
  if (!/^\d{12}$/.test(prefix12)) throw new Error(`An EAN-13 needs 12 digits before the check digit, got ${JSON.stringify(prefix12)}`);
  return `${prefix12}${gtinCheckDigit(prefix12)}`;
}
