/** Retry delays: exponential from `initialMs`, capped at `maxMs`. */
export type BackoffOptions = { initialMs: number; maxMs: number; random?: () => number };

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": each delay is drawn from [base/2, base]. Jitter
 * keeps a fleet of stations that lost the server together from hammering it in lockstep
 * when it comes back; the floor keeps a single station from retrying in a tight loop.
 */
export class Backoff {
  private attempt = 0;

  constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

  next(): number {
    const base = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt += 1;
    const r = (this.opts.random ?? Math.random)();
    return Math.round(base / 2 + (base / 2) * r);
  }

  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}

/**
 * A wait that ends early when woken (say, the server's event stream came back, so the
 * server is up again and retrying now beats waiting out a 30 s delay) or when aborted.
 */
export class Waker {
  private waiters = new Set<() => void>();

  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      if (signal?.aborted) done();
    });
  }

  wake(): void {
    // Each waiter removes itself as it runs; deleting the current entry is safe in a Set's for-of.
    for (const w of this.waiters) w();
  }
}
