import { describe, expect, it, vi } from 'vitest';
import { formatDay, formatMoney, formatNumber, localeTag } from '../../renderer/i18n/format.ts';
import { localDay } from '../../renderer/packing/queue.ts';
import { memoryStorage } from '../../renderer/app/station-storage.ts';
import { useSessionStore } from '../../renderer/session/store.ts';

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

  it("follows the site's country where the language is that country's own", () => {
    expect(localeTag('en', 'US')).toBe('en-US');
    expect(localeTag('es', 'MX')).toBe('es-MX');
    expect(localeTag('it', 'IT')).toBe('it-IT');
    // Not the country's own language: the language's usual locale, never a mixed one.
    expect(localeTag('en', 'ES')).toBe('en-GB');
    expect(localeTag('es', 'GB')).toBe('es-ES');
    expect(localeTag('it', undefined)).toBe('it-IT');
    expect(localeTag('en', 'not a country')).toBe('en-GB');
    // The session store keeps the station in web storage, which Node has not.
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
    const before = useSessionStore.getState().station;
    try {
      useSessionStore.setState({ station: { deviceId: 'd', siteId: 's', siteCode: 'NYC', stationName: 'Pack 1', serverUrl: 'https://x.test', siteCountry: 'US' } });
      expect(formatDay('2025-07-01', 'en')).toBe('Jul 1, 2025');
      expect(formatMoney(123_456, 'USD', 'en')).toBe('$1,234.56');
    } finally {
      useSessionStore.setState({ station: before });
      vi.unstubAllGlobals();
    }
  });

  it("tells a ship-by day from this computer's calendar day", () => {
    expect(localDay(new Date(2026, 10, 2, 23, 59))).toBe('2026-11-02');
    expect('2026-11-01' < localDay(new Date(2026, 10, 2, 0, 1))).toBe(true);
  });
});
