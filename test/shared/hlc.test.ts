import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, compareHlc, DEFAULT_MAX_DRIFT_MS, formatHlc, HybridClock, isHlc, parseHlc } from '../../shared/clock/hlc.ts';
import { fcSeed } from './arbitraries.ts';

const seed = fcSeed();

/** A wall clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v) };
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('HybridClock', () => {
  it('follows wall time when it moves forward', () => {
    const wall = manualClock(5000);
    const clock = new HybridClock('n1', wall.now);
    expect(parseHlc(clock.tick())).toStrictEqual({ ms: 5000, counter: 0, node: 'n1' });
    wall.set(6000);
    expect(parseHlc(clock.tick())).toStrictEqual({ ms: 6000, counter: 0, node: 'n1' });
  });

  it('never goes backwards when the wall clock stalls or jumps back', () => {
    const wall = manualClock(5000);
    const clock = new HybridClock('n1', wall.now);
    const a = clock.tick();
    const b = clock.tick();
    wall.set(1000);
    const c = clock.tick();
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
    expect(parseHlc(c)).toStrictEqual({ ms: 5000, counter: 2, node: 'n1' });
  });

  it('orders local events after a received remote stamp, even one ahead of the wall clock', () => {
    const wall = manualClock(5000);
    const clock = new HybridClock('n1', wall.now);
    const remote = formatHlc({ ms: 9000, counter: 7, node: 'n2' });
    clock.receive(remote);
    const next = clock.tick();
    expect(compareHlc(remote, next)).toBe(-1);
    expect(parseHlc(next)).toMatchObject({ ms: 9000, counter: 9 });
  });

  it('refuses a remote stamp beyond the drift bound and stays usable', () => {
    const wall = manualClock(5000);
    const clock = new HybridClock('n1', wall.now, 1000);
    const far = formatHlc({ ms: 6001, counter: 0, node: 'n2' });
    expect(() => clock.receive(far)).toThrow(ClockDriftError);
    expect(thrownBy(() => clock.receive(far))).toMatchObject({ name: 'ClockDriftError', remoteMs: 6001, localMs: 5000, maxDriftMs: 1000 });
    expect(parseHlc(clock.tick()).ms).toBe(5000);
    expect(() => clock.receive(formatHlc({ ms: 6000, counter: 0, node: 'n2' }))).not.toThrow();
    expect(new HybridClock('n1').maxDriftMs).toBe(DEFAULT_MAX_DRIFT_MS);
  });

  it('borrows the next millisecond rather than overflow the counter', () => {
    const wall = manualClock(5000);
    const clock = new HybridClock('n1', wall.now);
    clock.receive(formatHlc({ ms: 5000, counter: 999_999, node: 'n2' }));
    expect(parseHlc(clock.tick())).toMatchObject({ ms: 5001, counter: 1 });
  });

  it('keeps every local stamp increasing and after every stamp received, under any wall clock', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), wall: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant('receive' as const), wall: fc.integer({ min: 0, max: 10_000 }), ms: fc.integer({ min: 0, max: 12_000 }), counter: fc.integer({ min: 0, max: 999_999 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const wall = manualClock(0);
        const clock = new HybridClock('n1', wall.now, 1500);
        let last = '';
        let lastAccepted = '';
        const problems: string[] = [];
        for (const o of ops) {
          wall.set(o.wall);
          if (o.kind === 'tick') {
            const s = clock.tick();
            if (!(s > last && s > lastAccepted && isHlc(s))) problems.push(`tick ${s} not after ${last} / ${lastAccepted}`);
            last = s;
            continue;
          }
          const remote = formatHlc({ ms: o.ms, counter: o.counter, node: 'n2' });
          const tooFar = o.ms - o.wall > 1500;
          const err = thrownBy(() => clock.receive(remote));
          if (tooFar !== err instanceof ClockDriftError) problems.push(`receive ${remote} at wall ${o.wall}: ${String(err)}`);
          if (!tooFar && remote > lastAccepted) lastAccepted = remote;
        }
        expect(problems).toStrictEqual([]);
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('stamps', () => {
  it('round-trip, sort as strings in clock order, and reject junk', () => {
    const s = formatHlc({ ms: 1_750_000_000_123, counter: 42, node: 'station-7' });
    expect(s).toBe('001750000000123-000042-station-7');
    expect(parseHlc(s)).toStrictEqual({ ms: 1_750_000_000_123, counter: 42, node: 'station-7' });
    expect(compareHlc(formatHlc({ ms: 9, counter: 0, node: 'a' }), formatHlc({ ms: 10, counter: 0, node: 'a' }))).toBe(-1);
    expect(compareHlc(s, s)).toBe(0);
    expect(isHlc('2025-01-01')).toBe(false);
    expect(() => parseHlc('nope')).toThrow(/Not a clock stamp/);
    expect(() => new HybridClock('bad node')).toThrow(/alphanumeric/);
  });
});
