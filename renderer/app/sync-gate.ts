import { useEffect } from 'react';

/**
 * The station's first screen is drawn from the local store before sync starts: starting the
 * replication scans the store and pulls from the server, which would compete with the few
 * reads the first screen needs. A screen that draws from the store holds the start until it
 * has shown its data; the start never waits longer than `maxWaitMs`.
 */
let holds = 0;
const waiting = new Set<() => void>();

/** Holds the sync start until the returned release is called (more than once is harmless). */
export function holdSyncStart(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    if (holds === 0) for (const fn of waiting) fn();
  };
}

/** Holds the sync start while `ready` is false (mounted under the station's runtime). */
export function useHoldSyncUntil(ready: boolean): void {
  useEffect(() => (ready ? undefined : holdSyncStart()), [ready]);
}

/** Calls `start` once no screen holds it, or after `maxWaitMs`; returns a cancel. */
export function whenSyncMayStart(start: () => void, maxWaitMs: number): () => void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancel();
    start();
  };
  const timer = setTimeout(once, maxWaitMs);
  const cancel = (): void => {
    clearTimeout(timer);
    waiting.delete(once);
  };
  if (holds === 0) once();
  else waiting.add(once);
  return cancel;
}
