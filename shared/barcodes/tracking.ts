/**
 * Tracking numbers for the own delivery fleet, made offline at the pack station:
 * `<prefix: 2-4 capital letters><station: 4 digits><sequence: 8 digits><Luhn check digit>`,
 * e.g. `PL0007000001234` + check. Fixed-width fields make (station, sequence) -> number
 * one-to-one, so two stations never mint the same number without talking to each other,
 * and one station never repeats itself as long as its sequence only grows.
 */

export const MAX_STATION_NO = 9999;
export const MAX_TRACKING_SEQ = 99_999_999;

const PREFIX = /^[A-Z]{2,4}$/;
const TRACKING = /^([A-Z]{2,4})(\d{4})(\d{8})(\d)$/;

/**
 * Luhn (mod 10) check digit for a digit string: doubling every second digit from the right
 * catches every single-digit error and most swaps of neighbours, the typos of hand entry.
 */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`Luhn needs digits, got ${JSON.stringify(digits)}`);
  let sum = 0;
  let double = true; // the digit next to the check digit is doubled
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

export function makeTrackingNumber(prefix: string, stationNo: number, seq: number): string {
  if (!PREFIX.test(prefix)) throw new Error(`Tracking prefix must be 2 to 4 capital letters, got ${JSON.stringify(prefix)}`);
  if (!Number.isInteger(stationNo) || stationNo < 0 || stationNo > MAX_STATION_NO) {
    throw new RangeError(`Station number must be 0..${MAX_STATION_NO}, got ${stationNo}`);
  }
  // Wrapping the sequence would reissue old numbers; refuse so the station gets a new number instead.
  if (!Number.isInteger(seq) || seq < 0 || seq > MAX_TRACKING_SEQ) {
    throw new RangeError(`Tracking sequence must be 0..${MAX_TRACKING_SEQ}, got ${seq}`);
  }
  const body = `${String(stationNo).padStart(4, '0')}${String(seq).padStart(8, '0')}`;
  return `${prefix}${body}${luhnCheckDigit(body)}`;
}

/** The parts of a well-formed tracking number with a correct check digit; null otherwise. */
export function parseTrackingNumber(s: string): { prefix: string; stationNo: number; seq: number } | null {
  const m = TRACKING.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined || m[4] === undefined) return null;
  if (luhnCheckDigit(m[2] + m[3]) !== Number(m[4])) return null;
  return { prefix: m[1], stationNo: Number(m[2]), seq: Number(m[3]) };
}

export function isValidTrackingNumber(s: string): boolean {
  return parseTrackingNumber(s) !== null;
}
