import type { TFunction } from 'i18next';
import { namespaceT } from '../support/i18n.ts';
import { describe, expect, it } from 'vitest';
import { describeException, type ExceptionContext } from '../../renderer/orders/exception-text.ts';
import { explainExceptions } from '../../shared/orders/fold.ts';
import { ORDER_EXCEPTION_CODES, type ExplainedException, type Order } from '../../shared/schema/orders.ts';
import { SITE_A, SITE_B } from '../shared/builders.ts';
import { orderWithEveryClash, SHIPMENT } from '../shared/exceptions.fixtures.ts';

const LANGS = ['en', 'es', 'it'] as const;
type Lang = (typeof LANGS)[number];

const ordersT = (lang: Lang): Promise<TFunction<'orders'>> => namespaceT(lang, 'orders');

const TRACKING = 'PL00120000000017';
const CODES: Record<string, string> = { [SITE_A]: 'MAD', [SITE_B]: 'MIL' };

function contextFor(t: TFunction<'orders'>, order: Order, known: { tracking: boolean; sites: boolean }): ExceptionContext {
  return {
    lines: order.lines,
    trackingOf: (id) => (known.tracking && id === SHIPMENT ? TRACKING : undefined),
    siteCode: (id) => (known.sites ? CODES[id] : undefined),
    number: (n) => String(n),
    money: (n) => `€${(n / 100).toFixed(2)}`,
    term: (kind, value) => t(`${kind}.${value}`),
    unknownSite: t('exceptionText.unknownSite'),
  };
}

/** What no sentence may show: an unfilled placeholder, a raw key, an id of the store. */
function flaws(text: string, key: string): string[] {
  const out: string[] = [];
  if (/\{\{|\}\}/.test(text)) out.push('placeholder left unfilled');
  if (text === key || text.startsWith('exceptionText.')) out.push('no sentence for the key');
  if (text.includes(SHIPMENT) || /[0-9a-f]{8}-[0-9a-f]{4}-/.test(text)) out.push('shows a UUID');
  if (text.includes(SITE_A) || text.includes(SITE_B) || text.includes('pay-1')) out.push('shows an id');
  if (/\b(undefined|NaN|null)\b/.test(text)) out.push('shows a missing value');
  return out;
}

const order = orderWithEveryClash();
const explained = explainExceptions(order);
const first = (code: string): ExplainedException => {
  const x = explained.find((e) => e.code === code && (code !== 'cancelled_and_shipped' || e.values.shipmentId === SHIPMENT));
  if (x === undefined) throw new Error(`no ${code} exception`);
  return x;
};

describe.each(LANGS)('exception sentences in %s', (lang) => {
  it('every code has a sentence, every placeholder filled, in every variant (tracking and sites known or not yet)', async () => {
    const t = await ordersT(lang);
    expect(explained.map((x) => x.code).sort()).toEqual(expect.arrayContaining([...ORDER_EXCEPTION_CODES].sort()));
    for (const known of [{ tracking: true, sites: true }, { tracking: false, sites: false }]) {
      const ctx = contextFor(t, order, known);
      for (const x of explained) {
        const phrase = describeException(x, ctx);
        if (phrase === null) throw new Error(`${x.id}: no sentence`);
        // Without a fallback language, i18next answers the key itself when the sentence is missing.
        const text = t(phrase.key, phrase.values);
        expect({ id: x.id, flaws: flaws(text, phrase.key) }).toEqual({ id: x.id, flaws: [] });
        expect(t(`exceptions.${x.code}`)).not.toBe(`exceptions.${x.code}`);
      }
    }
  });

  it('names the shipment by its tracking number, the line by its SKU and the sites by their codes', async () => {
    const t = await ordersT(lang);
    const ctx = contextFor(t, order, { tracking: true, sites: true });
    const say = (code: string): string => {
      const phrase = describeException(first(code), ctx);
      return phrase === null ? '' : t(phrase.key, phrase.values);
    };
    expect(say('cancelled_and_shipped')).toContain(TRACKING);
    expect(say('packed_twice')).toContain('MUG-BLUE');
    expect(say('packed_twice')).toMatch(/\b4\b.*\b2\b/);
    expect(say('shipped_twice')).toContain('TEA-EARL');
    expect(say('over_returned')).toContain('TEA-EARL');
    expect(say('wrong_site')).toMatch(/MIL.*MAD/);
    expect(say('over_refunded')).toMatch(/€63\.80.*€31\.90/);
    expect(say('over_refunded')).toContain('PayPal');
  });
});

describe('the English sentences', () => {
  it('read as a person would say them', async () => {
    const t = await ordersT('en');
    const say = (x: ExplainedException, known = { tracking: true, sites: true }): string => {
      const phrase = describeException(x, contextFor(t, order, known));
      return phrase === null ? '' : t(phrase.key, phrase.values);
    };
    expect(say(first('cancelled_and_shipped'))).toBe(`Shipment ${TRACKING} (1 unit) went out although the order was cancelled.`);
    expect(say(first('cancelled_and_shipped'), { tracking: false, sites: true })).toBe(
      'A shipment of 1 unit went out although the order was cancelled (its tracking number has not reached this station yet).',
    );
    expect(say(first('packed_twice'))).toBe('MUG-BLUE: 4 units packed, but the order is for 2.');
    expect(say(first('wrong_site'))).toBe('Packed or shipped at site MIL, but the order is fulfilled by site MAD.');
    expect(say(first('over_refunded'))).toBe('PayPal payment: €63.80 refunded, but only €31.90 captured.');
  });
});

describe('the exceptions shown', () => {
  it('are the stored ones, in the same order, with the values worked out from the events', () => {
    expect(explained.map(({ values: _v, ...stored }) => stored)).toStrictEqual(order.exceptions);
    expect(explained.every((x) => Object.keys(x.values).length > 0)).toBe(true);
  });
});
