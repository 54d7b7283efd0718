import { useScannerSettings } from '../scanner/settings.ts';

let ctx: AudioContext | null = null;

/**
 * A short tone through WebAudio: no audio files to load, starts within the frame. A good scan
 * is a high short beep, a wrong one a low longer buzz, so a packer hears which without looking.
 */
function tone(freq: number, ms: number, type: OscillatorType): void {
  if (!useScannerSettings.getState().soundOn || typeof AudioContext === 'undefined') return;
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.value = freq;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + ms / 1000);
  } catch {
    // No audio device: the screen still shows the result.
  }
}

export function playGood(): void {
  tone(1320, 80, 'sine');
}

export function playBad(): void {
  tone(180, 350, 'square');
}
