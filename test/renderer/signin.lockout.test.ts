import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../renderer/app/station-storage.ts';
import {
  lockState,
  pinAttempts,
  recordFailure,
  triesBeforeLock,
  waitParts,
  type AttemptRecord,
} from '../../renderer/signin/lockout.ts';

const T0 = 1_750_000_000_000;
const S = 1000;
const MIN = 60 * S;

/** A clock the test moves by hand. */
function clock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** `n` wrong PINs, each at `at` (the record a person has after that many in a row). */
function failures(n: number, at = T0): AttemptRecord | null {
  let r: AttemptRecord | null = null;
  for (let i = 0; i < n; i++) r = recordFailure(r, at);
  return r;
}

describe('PIN lockout policy', () => {
  it('lets a person get their PIN wrong four times in a row without a wait', () => {
    expect(lockState(null, T0)).toEqual({ locked: false });
    for (let n = 1; n <= 4; n++) expect(lockState(failures(n), T0)).toEqual({ locked: false });
  });

  it('locks for 30 s on the fifth wrong PIN in a row, then opens again', () => {
    const r = failures(5);
    expect(lockState(r, T0)).toEqual({ locked: true, until: T0 + 30 * S });
    expect(lockState(r, T0 + 30 * S - 1)).toEqual({ locked: true, until: T0 + 30 * S });
    expect(lockState(r, T0 + 30 * S)).toEqual({ locked: false });
  });

  it('doubles the wait for each wrong PIN after a wait, up to 15 minutes', () => {
    let r = failures(5);
    let at = T0;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const state = lockState(r, at);
      if (!state.locked) throw new Error(`not locked after ${r?.failures ?? 0} wrong PINs`);
      waits.push(state.until - at);
      at = state.until; // waits it out, then gets it wrong again
      expect(lockState(r, at)).toEqual({ locked: false });
      r = recordFailure(r, at);
    }
    expect(waits).toEqual([30 * S, 60 * S, 2 * MIN, 4 * MIN, 8 * MIN, 15 * MIN, 15 * MIN, 15 * MIN]);
  });

  it('warns on the third and fourth wrong PIN how many tries are left before a wait', () => {
    expect([0, 1, 2, 3, 4].map((n) => triesBeforeLock(failures(n), T0))).toEqual([null, null, null, 2, 1]);
    expect(triesBeforeLock(failures(5), T0)).toBeNull();
  });

  it('forgets wrong PINs more than an hour old', () => {
    const r = failures(4);
    expect(triesBeforeLock(r, T0 + 60 * MIN)).toBe(1);
    expect(lockState(recordFailure(r, T0 + 60 * MIN), T0 + 60 * MIN).locked).toBe(true);
    // One hour and a millisecond on, the fifth wrong PIN is only the first.
    const later = recordFailure(r, T0 + 60 * MIN + 1);
    expect(later.failures).toBe(1);
    expect(lockState(later, T0 + 60 * MIN + 1)).toEqual({ locked: false });
  });

  it('forgets wrong PINs stamped far in the future, as after the clock is put back', () => {
    const r = failures(10, T0);
    expect(lockState(r, T0 - 15 * MIN)).toEqual({ locked: true, until: T0 + 15 * MIN });
    expect(lockState(r, T0 - 15 * MIN - 1)).toEqual({ locked: false });
    expect(recordFailure(r, T0 - 2 * 60 * MIN).failures).toBe(1);
  });

  it('shows the wait in whole seconds rounded up, with minutes from one minute on', () => {
    expect(waitParts(28_001)).toEqual({ minutes: 0, seconds: 29 });
    expect(waitParts(1)).toEqual({ minutes: 0, seconds: 1 });
    expect(waitParts(59_500)).toEqual({ minutes: 1, seconds: 0 });
    expect(waitParts(125_000)).toEqual({ minutes: 2, seconds: 5 });
    expect(waitParts(-5)).toEqual({ minutes: 0, seconds: 0 });
  });
});

describe('PIN attempts kept at the station', () => {
  it('locks on the fifth wrong PIN and says so, with tries left before that', () => {
    const c = clock();
    const attempts = pinAttempts(memoryStorage(), c.now);
    const results = [1, 2, 3, 4, 5].map(() => attempts.fail('ana'));
    expect(results.map((r) => r.triesLeft)).toEqual([null, null, 2, 1, null]);
    expect(results.map((r) => r.lock.locked)).toEqual([false, false, false, false, true]);
    expect(results[4]?.lock).toEqual({ locked: true, until: T0 + 30 * S });
    expect(attempts.state('ana')).toEqual({ locked: true, until: T0 + 30 * S });
    c.advance(30 * S);
    expect(attempts.state('ana')).toEqual({ locked: false });
    expect(attempts.fail('ana').lock).toEqual({ locked: true, until: T0 + 30 * S + 60 * S });
  });

  it('clears a person’s record when they get the PIN right', () => {
    const storage = memoryStorage();
    const attempts = pinAttempts(storage, clock().now);
    for (let i = 0; i < 4; i++) attempts.fail('ana');
    attempts.succeed('ana');
    expect(storage.getItem('packline-pin-attempts:ana')).toBeNull();
    const next = attempts.fail('ana');
    expect(next.failures).toBe(1);
    expect(next.lock).toEqual({ locked: false });
  });

  it('counts each person separately', () => {
    const attempts = pinAttempts(memoryStorage(), clock().now);
    for (let i = 0; i < 5; i++) attempts.fail('ana');
    expect(attempts.state('ana').locked).toBe(true);
    expect(attempts.state('ben')).toEqual({ locked: false });
    expect(attempts.fail('ben')).toMatchObject({ failures: 1, lock: { locked: false } });
    attempts.succeed('ben');
    expect(attempts.state('ana').locked).toBe(true);
  });

  it('keeps a lock through a reload: a new store over the same storage', () => {
    const storage = memoryStorage();
    const c = clock();
    const before = pinAttempts(storage, c.now);
    for (let i = 0; i < 5; i++) before.fail('ana');
    c.advance(10 * S);
    const after = pinAttempts(storage, c.now);
    expect(after.state('ana')).toEqual({ locked: true, until: T0 + 30 * S });
    c.advance(20 * S);
    // The count survived too: the next wrong PIN doubles the wait instead of starting over.
    expect(after.fail('ana')).toMatchObject({ failures: 6, lock: { locked: true, until: T0 + 30 * S + 60 * S } });
  });

  it('treats a record it cannot read as clean, and replaces it on the next wrong PIN', () => {
    const storage = memoryStorage();
    const attempts = pinAttempts(storage, clock().now);
    const junks = ['{not json', 'null', '42', '"x"', `{"failures":"9","lastFailureAt":${T0}}`, `{"failures":9,"lastFailureAt":"${T0}"}`, '{"failures":9}'];
    for (const junk of junks) {
      storage.setItem('packline-pin-attempts:ana', junk);
      expect(attempts.state('ana')).toEqual({ locked: false });
    }
    expect(attempts.fail('ana').failures).toBe(1);
    expect(JSON.parse(storage.getItem('packline-pin-attempts:ana') ?? '')).toEqual({ failures: 1, lastFailureAt: T0 });
  });
});
