import type { SyncStorage } from '../app/station-storage.ts';

/** Wrong PINs in a row that cost nothing; the next one starts a wait. */
export const FREE_TRIES = 4;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
/** Wrong PINs older than this no longer count: the next person to try starts clean. */
export const FORGET_AFTER_MS = 60 * 60_000;
export const PIN_ATTEMPTS_PREFIX = 'packline-pin-attempts:';

/** One person's wrong PINs in a row at this station. */
export type AttemptRecord = { failures: number; lastFailureAt: number };

export type LockState = { locked: false } | { locked: true; until: number };

const CLEAN: AttemptRecord = { failures: 0, lastFailureAt: 0 };

/**
 * The record as it counts at `now`: wrong PINs more than an hour old are forgotten, and so are
 * ones stamped far in the future, so a clock put back cannot shut someone out for hours.
 */
function current(record: AttemptRecord | null, now: number): AttemptRecord {
  if (record === null) return CLEAN;
  const age = now - record.lastFailureAt;
  return age > FORGET_AFTER_MS || age < -MAX_LOCK_MS ? CLEAN : record;
}

/** How long the wait is after the given number of wrong PINs in a row: 0, then 30 s doubling, capped. */
export function lockDuration(failures: number): number {
  if (failures <= FREE_TRIES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FREE_TRIES - 1), MAX_LOCK_MS);
}

export function lockState(record: AttemptRecord | null, now: number): LockState {
  const r = current(record, now);
  const duration = lockDuration(r.failures);
  if (duration === 0) return { locked: false };
  const until = r.lastFailureAt + duration;
  return now < until ? { locked: true, until } : { locked: false };
}

/**
 * The record after one more wrong PIN. A wrong PIN while locked still counts (and restarts a
 * longer wait): the screen never checks a PIN then, so only a race gets here.
 */
export function recordFailure(record: AttemptRecord | null, now: number): AttemptRecord {
  return { failures: current(record, now).failures + 1, lastFailureAt: now };
}

/** Tries left, the one that starts the wait included, before a wait; null when no warning is due. */
export function triesBeforeLock(record: AttemptRecord | null, now: number): number | null {
  const failures = current(record, now).failures;
  const left = FREE_TRIES + 1 - failures;
  return failures > 0 && left > 0 && left <= 2 ? left : null;
}

function parse(text: string | null): AttemptRecord | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || !('failures' in v) || !('lastFailureAt' in v)) return null;
    const { failures, lastFailureAt } = v;
    if (typeof failures !== 'number' || !Number.isInteger(failures) || failures < 0) return null;
    if (typeof lastFailureAt !== 'number' || !Number.isFinite(lastFailureAt)) return null;
    return { failures, lastFailureAt };
  } catch {
    return null;
  }
}

export type PinAttempts = {
  state(staffId: string): LockState;
  /** Records a wrong PIN; says the wait it started, if any, and the tries left before one. */
  fail(staffId: string): { lock: LockState; triesLeft: number | null; failures: number };
  succeed(staffId: string): void;
};

function key(staffId: string): string {
  return `${PIN_ATTEMPTS_PREFIX}${staffId}`;
}

/**
 * Wrong PINs per person, kept in the station's synchronous storage so a reload or restart does
 * not hand out a fresh set of tries. A record that cannot be read counts as clean.
 */
export function pinAttempts(storage: SyncStorage, now: () => number = Date.now): PinAttempts {
  const read = (staffId: string): AttemptRecord | null => parse(storage.getItem(key(staffId)));
  return {
    state: (staffId) => lockState(read(staffId), now()),
    fail: (staffId) => {
      const at = now();
      const record = recordFailure(read(staffId), at);
      storage.setItem(key(staffId), JSON.stringify(record));
      // The failure is the newest, so any wait it yields starts now.
      return { lock: lockState(record, at), triesLeft: triesBeforeLock(record, at), failures: record.failures };
    },
    succeed: (staffId) => storage.removeItem(key(staffId)),
  };
}

/**
 * A wait as the countdown shows it: whole seconds rounded up, so it never reads 0 s while the
 * keypad is still shut, split into minutes and seconds from one minute on.
 */
export function waitParts(ms: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return total < 60 ? { minutes: 0, seconds: total } : { minutes: Math.floor(total / 60), seconds: total % 60 };
}
