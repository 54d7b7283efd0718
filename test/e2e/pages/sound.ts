import type { Page } from '@playwright/test';

/**
 * Headless Chromium plays to no speaker, so the tones the pack screen starts are recorded
 * instead: each oscillator's frequency and wave when it starts, in `window.packlineTones`.
 * The app's WebAudio path runs as it does at a station (renderer/packing/sound.ts).
 */
export async function recordTones(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tones: { freq: number; type: string }[] = [];
    Object.defineProperty(window, 'packlineTones', { value: tones });
    const start = Object.getOwnPropertyDescriptor(AudioScheduledSourceNode.prototype, 'start');
    if (start === undefined) return;
    Object.defineProperty(AudioScheduledSourceNode.prototype, 'start', {
      ...start,
      value(this: AudioScheduledSourceNode, ...args: unknown[]) {
        if (this instanceof OscillatorNode) tones.push({ freq: this.frequency.value, type: this.type });
        return Reflect.apply(start.value, this, args);
      },
    });
  });
}

/** The tones played so far: `good` (high beep), `bad` (low buzz) or the frequency. */
export function tonesPlayed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tones: unknown = Reflect.get(window, 'packlineTones');
    if (!Array.isArray(tones)) return [];
    return tones.map((t: unknown) => {
      const freq: unknown = typeof t === 'object' && t !== null && 'freq' in t ? t.freq : null;
      return freq === 1320 ? 'good' : freq === 180 ? 'bad' : String(freq);
    });
  });
}
