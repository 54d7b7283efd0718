import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, formatNumber } from '../../renderer/i18n/format.ts';

describe("formatting in the station's language", () => {
  it('shows money from minor units with the currency, in each language, the same on every call', () => {
    const nbsp = /\u00a0|\u202f/g;
    expect(formatMoney(123_456, 'EUR', 'es').replace(nbsp, ' ')).toBe('1234,56 €');
    expect(formatMoney(123_456, 'EUR', 'it').replace(nbsp, ' ')).toBe('1234,56 €');
    expect(formatMoney(123_456, 'GBP', 'en')).toBe('£1,234.56');
    // No minor unit in yen: 500 is ¥500, not ¥5.
    expect(formatMoney(500, 'JPY', 'en')).toBe('JP¥500');
    expect(formatMoney(123_456, 'EUR', 'es')).toBe(formatMoney(123_456, 'EUR', 'es'));
    expect(formatNumber(1_234_567, 'it')).toBe('1.234.567');
  });

  it('shows a calendar day without moving it across midnight, and leaves a bad one as it came', () => {
    expect(formatDay('2025-07-01', 'en')).toBe('1 Jul 2025');
    expect(formatDay('2025-07-01', 'es')).toBe('1 jul 2025');
    expect(formatDay('2025-12-31', 'it')).toBe('31 dic 2025');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });
});
