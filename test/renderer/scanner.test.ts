import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_OPTIONS, ScanDetector, stripAffixes, type DetectorOptions, type KeyInput } from '../../renderer/scanner/detector.ts';
import { handleKeyDown, subscribeScans, type KeyEventLike } from '../../renderer/scanner/bus.ts';
import { removeBurst } from '../../renderer/scanner/field.ts';

/** Seeded runs that print their seed, so a failure replays with PACKLINE_SEED=<seed>. */
const seed = Number(process.env.PACKLINE_SEED ?? Date.now() % 2_147_483_647);
console.log(`scanner property seed: ${seed}`);
const runs = { seed, numRuns: 300 };

function keys(text: string, start: number, gaps: readonly number[], terminator = 'Enter', termGap = 5): KeyInput[] {
  const out: KeyInput[] = [];
  let t = start;
  text.split('').forEach((key, i) => {
    t += i === 0 ? 0 : (gaps[i % gaps.length] ?? 5);
    out.push({ key, time: t });
  });
  out.push({ key: terminator, time: t + termGap });
  return out;
}

function feedAll(d: ScanDetector, input: readonly KeyInput[]) {
  return input.map((k) => d.feed(k)).filter((r) => r !== null);
}

const codeChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-'.split(''));
const code = fc.array(codeChar, { minLength: 4, maxLength: 30 }).map((cs) => cs.join(''));

describe('ScanDetector', () => {
  it('detects a fast burst ending in Enter', () => {
    const d = new ScanDetector();
    expect(feedAll(d, keys('4006381333931', 1000, [4]))).toEqual([{ code: '4006381333931', raw: '4006381333931', terminator: 'Enter' }]);
  });

  it('ignores Enter after typing', () => {
    const d = new ScanDetector();
    expect(feedAll(d, keys('PL-1001', 1000, [90], 'Enter', 120))).toEqual([]);
  });

  it('ignores bursts shorter than the minimum', () => {
    expect(feedAll(new ScanDetector(), keys('123', 0, [3]))).toEqual([]);
  });

  it('tolerates one late key inside a fast burst, but not a slow burst', () => {
    const jittery = [3, 4, 3, 41, 3, 36, 4, 3, 5, 3, 4, 3];
    expect(feedAll(new ScanDetector(), keys('4006381333931', 0, jittery)).map((s) => s.code)).toEqual(['4006381333931']);
    expect(feedAll(new ScanDetector(), keys('4006381333931', 0, [45]))).toEqual([]);
  });

  it('ignores a slow terminator after a fast burst', () => {
    expect(feedAll(new ScanDetector(), keys('12345678', 0, [3], 'Enter', 400))).toEqual([]);
  });

  it('accepts Tab and ignores keys that are not terminators', () => {
    expect(feedAll(new ScanDetector(), keys('ABCD1234', 0, [3], 'Tab'))[0]?.terminator).toBe('Tab');
    expect(feedAll(new ScanDetector(), keys('ABCD1234', 0, [3], 'Escape'))).toEqual([]);
    const enterOnly: DetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, terminators: ['Enter'] };
    expect(feedAll(new ScanDetector(enterOnly), keys('ABCD1234', 0, [3], 'Tab'))).toEqual([]);
  });

  it('Shift between keys does not break a burst; shortcuts do', () => {
    const d = new ScanDetector();
    const input: KeyInput[] = [
      { key: 'Shift', time: 0 }, { key: 'P', time: 2 }, { key: 'Shift', time: 3 }, { key: 'L', time: 5 },
      { key: '-', time: 8 }, { key: '1', time: 11 }, { key: 'Enter', time: 14 },
    ];
    expect(feedAll(d, input).map((s) => s.code)).toEqual(['PL-1']);
    const withCtrl: KeyInput[] = [{ key: 'a', time: 0 }, { key: 'b', time: 2 }, { key: 'c', time: 3, ctrlKey: true }, { key: 'd', time: 5 }, { key: 'Enter', time: 6 }];
    expect(feedAll(new ScanDetector(), withCtrl)).toEqual([]);
  });

  it('strips the configured prefix and suffix and requires them', () => {
    const d = new ScanDetector({ ...DEFAULT_DETECTOR_OPTIONS, prefix: '$', suffix: '#' });
    expect(feedAll(d, keys('$12345678#', 0, [2]))[0]).toMatchObject({ code: '12345678', raw: '$12345678#' });
    expect(feedAll(d, keys('12345678', 100, [2]))).toEqual([]);
    expect(stripAffixes('AB', 'A', 'B')).toBe('');
  });

  it('typed text before a pause does not join the burst', () => {
    const d = new ScanDetector();
    const typed: KeyInput[] = [{ key: 'x', time: 0 }, { key: 'y', time: 100 }];
    expect(feedAll(d, [...typed, ...keys('99991234', 300, [4])]).map((s) => s.raw)).toEqual(['99991234']);
  });

  it('property: every burst (mean gap ≤ maxGap, each ≤ maxKeyGap, ≥ minLength chars) is detected exactly', () => {
    fc.assert(
      fc.property(
        code,
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('Enter', 'Tab'),
        fc.integer({ min: 56, max: 10_000 }),
        (text, gaps, termGap, term, idle) => {
          const d = new ScanDetector();
          // Some human typing first, then a pause longer than any gap inside a burst.
          d.feed({ key: 'q', time: 0 });
          const found = feedAll(d, keys(text, idle, gaps, term, termGap));
          expect(found).toEqual([{ code: text, raw: text, terminator: term }]);
        },
      ),
      runs,
    );
  });

  it('property: human typing at ≥ 60 ms per key is never a scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(codeChar, fc.constantFrom('Enter', 'Tab', 'Backspace', 'Shift')), { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: 60, max: 2000 }), { minLength: 1, maxLength: 80 }),
        (typed, gaps) => {
          const d = new ScanDetector();
          let t = 0;
          const found = typed.flatMap((key, i) => {
            t += gaps[i % gaps.length] ?? 60;
            const r = d.feed({ key, time: t });
            return r === null ? [] : [r];
          });
          expect(found).toEqual([]);
        },
      ),
      runs,
    );
  });
});

describe('removeBurst', () => {
  it('takes the burst out before the caret and keeps the typed text', () => {
    expect(removeBurst({ value: 'note 4006381333931 tail', caret: 18 }, '4006381333931')).toEqual({ value: 'note  tail', caret: 5 });
  });

  it('leaves a field that does not hold the burst alone', () => {
    expect(removeBurst({ value: 'abc', caret: 3 }, '12345')).toBeNull();
    expect(removeBurst({ value: 'abc12345', caret: 3 }, '12345')).toBeNull();
  });
});

type FakeKey = KeyEventLike & { prevented: boolean };

function fakeKey(key: string, timeStamp: number): FakeKey {
  const e: FakeKey = {
    key, timeStamp, ctrlKey: false, altKey: false, metaKey: false, target: null, prevented: false,
    preventDefault: () => { e.prevented = true; },
    stopPropagation: () => undefined,
  };
  return e;
}

describe('scan bus', () => {
  it('hands bursts to every listener once and stops the terminator; typing passes through', () => {
    const seen: string[][] = [[], []];
    const offs = [subscribeScans((s) => seen[0]?.push(s.code)), subscribeScans((s) => seen[1]?.push(s.code))];
    const burst = [...'PL-100042'.split('').map((c, i) => fakeKey(c, 10_000 + i * 4)), fakeKey('Enter', 10_040)];
    for (const e of burst) handleKeyDown(e);
    expect(burst.at(-1)?.prevented).toBe(true);
    const typed = [...'abcd'.split('').map((c, i) => fakeKey(c, 20_000 + i * 150)), fakeKey('Enter', 20_700)];
    for (const e of typed) handleKeyDown(e);
    expect(typed.at(-1)?.prevented).toBe(false);
    expect(seen).toEqual([['PL-100042'], ['PL-100042']]);
    for (const off of offs) off();
  });
});
