/**
 * Tells a keyboard-wedge scanner burst from human typing by timing alone. A USB scanner
 * "types" its code a few milliseconds per key and ends with Enter or Tab; people need
 * 60 ms or more between keys. Pure: the caller feeds keys with their timestamps.
 */

export type Terminator = 'Enter' | 'Tab';

export type DetectorOptions = {
  /** Characters the scanner sends before the code (stripped); '' for none. */
  prefix: string;
  /** Characters the scanner sends after the code, before the terminator (stripped). */
  suffix: string;
  /** Longest mean gap between the keys of a burst, ms. */
  maxGapMs: number;
  /**
   * Longest single gap inside a burst, ms. Above the mean so one late key (a busy USB hub, a
   * loaded machine, remote desktop) does not split a scan; below 60 ms so people never qualify.
   */
  maxKeyGapMs: number;
  /** Fewest characters (prefix and suffix included) a burst must have. */
  minLength: number;
  terminators: readonly Terminator[];
};

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = {
  prefix: '',
  suffix: '',
  maxGapMs: 30,
  maxKeyGapMs: 55,
  minLength: 4,
  terminators: ['Enter', 'Tab'],
};

export type KeyInput = { key: string; time: number; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean };

/** `raw` is every character of the burst as typed (prefix and suffix included), to remove from a field. */
export type ScanResult = { code: string; raw: string; terminator: Terminator };

/** Keys that say nothing about who is typing: a scanner may send Shift before capitals. */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);

export class ScanDetector {
  private buffer = '';
  private start = 0;
  private last = Number.NEGATIVE_INFINITY;

  constructor(private options: DetectorOptions = DEFAULT_DETECTOR_OPTIONS) {}

  configure(options: DetectorOptions): void {
    this.options = options;
    this.reset();
  }

  reset(): void {
    this.buffer = '';
    this.last = Number.NEGATIVE_INFINITY;
  }

  /** Feeds one keydown; returns the scan it completes, if any. */
  feed(input: KeyInput): ScanResult | null {
    if (NEUTRAL_KEYS.has(input.key)) return null;
    // Shortcuts are people, not scanners.
    if (input.ctrlKey === true || input.altKey === true || input.metaKey === true) {
      this.reset();
      return null;
    }
    const close = input.time - this.last <= this.options.maxKeyGapMs;
    if (input.key.length === 1) {
      if (close) this.buffer += input.key;
      else {
        this.buffer = input.key;
        this.start = input.time;
      }
      this.last = input.time;
      return null;
    }
    const terminator = this.options.terminators.find((t) => t === input.key);
    const raw = this.buffer;
    // One gap per character: between the characters, and from the last one to the terminator.
    const meanGap = (input.time - this.start) / Math.max(1, raw.length);
    this.reset();
    if (terminator === undefined || !close || raw.length < this.options.minLength || meanGap > this.options.maxGapMs) return null;
    const code = stripAffixes(raw, this.options.prefix, this.options.suffix);
    return code === null || code === '' ? null : { code, raw, terminator };
  }
}

/** The code between the configured prefix and suffix; null if a configured affix is missing. */
export function stripAffixes(raw: string, prefix: string, suffix: string): string | null {
  if (!raw.startsWith(prefix)) return null;
  const rest = raw.slice(prefix.length);
  if (!rest.endsWith(suffix)) return null;
  return suffix === '' ? rest : rest.slice(0, -suffix.length);
}
