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
  /** Longest gap between two keys of one burst, ms. */
  maxGapMs: number;
  /** Fewest characters (prefix and suffix included) a burst must have. */
  minLength: number;
  terminators: readonly Terminator[];
};

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = {
  prefix: '',
  suffix: '',
  maxGapMs: 30,
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
    const fast = input.time - this.last <= this.options.maxGapMs;
    if (input.key.length === 1) {
      this.buffer = fast ? this.buffer + input.key : input.key;
      this.last = input.time;
      return null;
    }
    const terminator = this.options.terminators.find((t) => t === input.key);
    const raw = this.buffer;
    this.reset();
    if (terminator === undefined || !fast || raw.length < this.options.minLength) return null;
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
