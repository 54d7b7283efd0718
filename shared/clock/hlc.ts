/**
 * Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter, so stamps
 * follow wall time yet never go backwards and causally later events always sort later.
 * Stamp text: `<ms:15 digits>-<counter:6 digits>-<node>`; plain string order is clock order,
 * and the node id breaks ties deterministically.
 */
export type HlcState = { readonly ms: number; readonly counter: number; readonly node: string };

/** A remote stamp further ahead of our wall clock than this is refused rather than followed. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export class ClockDriftError extends Error {
  constructor(
    readonly remoteMs: number,
    readonly localMs: number,
    readonly maxDriftMs: number,
  ) {
    super(`Clock drift too large: remote stamp is ${remoteMs - localMs} ms ahead of this clock (limit ${maxDriftMs} ms)`);
    this.name = 'ClockDriftError';
  }
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

export function formatHlc(s: HlcState): string {
  return `${String(s.ms).padStart(MS_DIGITS, '0')}-${String(s.counter).padStart(COUNTER_DIGITS, '0')}-${s.node}`;
}

export function parseHlc(stamp: string): HlcState {
  const m = /^(\d{15})-(\d{6})-(.+)$/.exec(stamp);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`Not a clock stamp: ${JSON.stringify(stamp)}`);
  }
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

export function isHlc(stamp: string): boolean {
  return /^\d{15}-\d{6}-.+$/.test(stamp);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HybridClock {
  private ms = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    readonly maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
  ) {
    if (!/^[A-Za-z0-9_.:]+$/.test(node)) throw new Error(`Clock node id must be alphanumeric: ${JSON.stringify(node)}`);
  }

  /** A stamp for a local event. */
  tick(): string {
    const wall = this.now();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  /** Fold in a stamp seen from another replica, so our next stamps sort after it. */
  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    const wall = this.now();
    if (remote.ms - wall > this.maxDriftMs) throw new ClockDriftError(remote.ms, wall, this.maxDriftMs);
    const ms = Math.max(this.ms, remote.ms, wall);
    if (ms === this.ms && ms === remote.ms) this.counter = Math.max(this.counter, remote.counter) + 1;
    else if (ms === this.ms) this.counter += 1;
    else if (ms === remote.ms) this.counter = remote.counter + 1;
    else this.counter = 0;
    this.ms = ms;
    if (this.counter > MAX_COUNTER) this.bumpOverflow();
  }

  private bump(): void {
    this.counter += 1;
    if (this.counter > MAX_COUNTER) this.bumpOverflow();
  }

  /** A million stamps in one millisecond: borrow the next millisecond rather than overflow. */
  private bumpOverflow(): void {
    this.ms += 1;
    this.counter = 0;
  }
}
