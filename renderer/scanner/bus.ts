import { ScanDetector, type KeyInput, type ScanResult } from './detector.ts';
import { removeBurstFromTarget } from './field.ts';
import { detectorOptionsOf, useScannerSettings } from './settings.ts';

/** What a key did, for the scanner test screen. */
export type KeyLog = { key: string; time: number; scan: ScanResult | null };

export type ScanListener = (scan: ScanResult) => void;
export type KeyListener = (log: KeyLog) => void;

/**
 * One detector and one window listener for the whole app, however many components listen:
 * two detectors would each take the burst out of a field, deleting what the person typed.
 */
const scanListeners = new Set<ScanListener>();
const keyListeners = new Set<KeyListener>();
const detector = new ScanDetector(detectorOptionsOf(useScannerSettings.getState()));
let attached = false;

useScannerSettings.subscribe((s) => detector.configure(detectorOptionsOf(s)));

/** What the keydown path reads of a KeyboardEvent. */
export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'timeStamp' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target' | 'preventDefault' | 'stopPropagation'>;

/** The keydown path: detect, clean the field, prevent the terminator, notify. Exported for tests. */
export function handleKeyDown(event: KeyEventLike): void {
  const input: KeyInput = { key: event.key, time: event.timeStamp, ctrlKey: event.ctrlKey, altKey: event.altKey, metaKey: event.metaKey };
  const scan = detector.feed(input);
  for (const l of keyListeners) l({ key: event.key, time: event.timeStamp, scan });
  if (scan === null) return;
  // Enter would submit a form and Tab move focus: the scan is not meant for the field.
  event.preventDefault();
  event.stopPropagation();
  removeBurstFromTarget(event.target, scan.raw);
  for (const l of scanListeners) l(scan);
}

function sync(): void {
  const wanted = scanListeners.size + keyListeners.size > 0;
  if (wanted === attached || typeof window === 'undefined') return;
  // Capture phase: we see the keys before any focused field or shortcut handler does.
  if (wanted) window.addEventListener('keydown', handleKeyDown, { capture: true });
  else window.removeEventListener('keydown', handleKeyDown, { capture: true });
  attached = wanted;
}

export function subscribeScans(listener: ScanListener): () => void {
  scanListeners.add(listener);
  sync();
  return () => {
    scanListeners.delete(listener);
    sync();
  };
}

export function subscribeKeys(listener: KeyListener): () => void {
  keyListeners.add(listener);
  sync();
  return () => {
    keyListeners.delete(listener);
    sync();
  };
}
