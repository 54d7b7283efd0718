import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { stationStorage } from '../app/station-storage.ts';
import { DEFAULT_DETECTOR_OPTIONS, type DetectorOptions } from './detector.ts';

/** Scanner and pack-station preferences of this station (UI state, not replicated). */
export type ScannerSettings = DetectorOptions & {
  soundOn: boolean;
  /** OS printer names for slips and labels; null = the system default. */
  slipPrinter: string | null;
  labelPrinter: string | null;
  /** A thermal printer reached by raw ZPL over TCP (host:port); null = print the label as a document. */
  zplHost: string | null;
  zplPort: number;
};

export type ScannerSettingsState = ScannerSettings & {
  update(patch: Partial<ScannerSettings>): void;
  resetDefaults(): void;
};

export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = {
  ...DEFAULT_DETECTOR_OPTIONS,
  soundOn: true,
  slipPrinter: null,
  labelPrinter: null,
  zplHost: null,
  zplPort: 9100,
};

/** Persisted per station in localStorage; for the settings screen and the pack screen. */
export const useScannerSettings = create<ScannerSettingsState>()(
  persist(
    (set) => ({
      ...DEFAULT_SCANNER_SETTINGS,
      update: (patch) => set(patch),
      resetDefaults: () => set(DEFAULT_SCANNER_SETTINGS),
    }),
    {
      name: 'packline.scanner',
      storage: createJSONStorage(stationStorage),
      partialize: (s): ScannerSettings => ({
        prefix: s.prefix,
        suffix: s.suffix,
        maxGapMs: s.maxGapMs,
        maxKeyGapMs: s.maxKeyGapMs,
        minLength: s.minLength,
        terminators: s.terminators,
        soundOn: s.soundOn,
        slipPrinter: s.slipPrinter,
        labelPrinter: s.labelPrinter,
        zplHost: s.zplHost,
        zplPort: s.zplPort,
      }),
    },
  ),
);

export function detectorOptionsOf(s: ScannerSettings): DetectorOptions {
  return { prefix: s.prefix, suffix: s.suffix, maxGapMs: s.maxGapMs, maxKeyGapMs: s.maxKeyGapMs, minLength: s.minLength, terminators: s.terminators };
}
