import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdSyncStart, whenSyncMayStart } from '../../renderer/app/sync-gate.ts';

describe('the sync start gate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts at once when no screen holds it', () => {
    const start = vi.fn<() => void>();
    whenSyncMayStart(start, 1000);
    expect(start).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('waits for every hold to be released, once, however often a release is called', () => {
    const start = vi.fn<() => void>();
    const a = holdSyncStart();
    const b = holdSyncStart();
    whenSyncMayStart(start, 1000);
    a();
    a();
    expect(start).not.toHaveBeenCalled();
    b();
    expect(start).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('never waits longer than the limit for a screen that does not show', () => {
    const start = vi.fn<() => void>();
    const release = holdSyncStart();
    whenSyncMayStart(start, 1000);
    vi.advanceTimersByTime(999);
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(start).toHaveBeenCalledTimes(1);
    release();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('does not start once cancelled (the store closed first)', () => {
    const start = vi.fn<() => void>();
    const release = holdSyncStart();
    const cancel = whenSyncMayStart(start, 1000);
    cancel();
    release();
    vi.advanceTimersByTime(2000);
    expect(start).not.toHaveBeenCalled();
  });
});
