/**
 * The pack screen and its printing (barcodes, PDF) are a chunk of their own: a station's
 * first screen, the queue, does not wait for them to load.
 */
export const loadPackScreen = () => import('./PackScreen.tsx');

const load = (): void => void loadPackScreen().catch(() => {});

/** Fetch and compile the pack screen's chunk when the page is idle, so the first scanned order opens without a wait. */
export function preloadPackScreen(): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 0);
}
