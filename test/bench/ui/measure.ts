/**
 * Timings taken inside the page with performance.now(), so Playwright's round trips never
 * count: the clock starts on the event the user causes and stops on the DOM change they see.
 */
import type { BrowserContext, Page } from 'playwright';

type ScanProbe = { t0: number; dom: number[]; frame: number[] };
type ProbeWindow = Window & { packlineScanProbe?: ScanProbe; packlineColdReady?: number };

/**
 * Installed before any app script: Enter's keydown (capture phase on window, so ahead of the
 * app's own listeners) starts the clock; the first change of a pack line's packed count stops
 * it (`dom`), and the frame after that change is the one that shows it (`frame`). Plain
 * JavaScript text: tsx compiles functions with `__name` helpers that do not exist in the page.
 */
const PROBES = `
(() => {
  const probe = { t0: -1, dom: [], frame: [] };
  window.packlineScanProbe = probe;
  // The packed counts of every line, so a line re-rendered as a new element still counts.
  const counts = () => Array.from(document.querySelectorAll('[data-testid="pack-line"]'), (e) => e.getAttribute('data-packed')).join(',');
  let before = '';
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    before = counts();
    probe.t0 = performance.now();
  }, { capture: true });
  const start = () => {
    new MutationObserver(() => {
      if (probe.t0 < 0 || counts() === before) return;
      const t0 = probe.t0;
      probe.t0 = -1;
      probe.dom.push(performance.now() - t0);
      requestAnimationFrame(() => probe.frame.push(performance.now() - t0));
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-packed'] });
    // Cold start: the first pack-queue row rendered from the local store.
    const cold = new MutationObserver(() => {
      if (document.querySelector('[data-testid="pack-queue-row"]') === null) return;
      window.packlineColdReady = performance.now();
      cold.disconnect();
    });
    cold.observe(document, { subtree: true, childList: true });
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
`;

export async function installProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBES });
}

export type ScanRun = { dom: number[]; frame: number[] };

/**
 * A scanner burst as key events dispatched inside the page, back to back, then Enter. Key
 * presses sent over CDP arrive with gaps of tens of ms on a loaded two-core machine, which
 * the app rightly takes for typing; a real keyboard-wedge scanner sends a few ms apart.
 */
export async function scanInPage(page: Page, code: string): Promise<void> {
  await page.evaluate((c) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...c.split(''), 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, code);
}

/**
 * `n` scans of one line's barcode, each undone with F9 before the next so the line never
 * fills up: every timed scan is the common case, a good item ticking its line.
 */
export async function scanLoop(page: Page, sku: string, barcode: string, n: number, warmup: number): Promise<ScanRun> {
  const line = page.locator(`[data-testid="pack-line"][data-sku="${sku}"]`);
  const before = Number(await line.getAttribute('data-packed'));
  for (let i = 0; i < warmup + n; i++) {
    if (i === warmup) await page.evaluate(() => {
      const p = (window as ProbeWindow).packlineScanProbe;
      if (p) {
        p.dom.length = 0;
        p.frame.length = 0;
      }
    });
    await scanInPage(page, barcode);
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.getAttribute('data-packed') === want, [`[data-testid="pack-line"][data-sku="${sku}"]`, String(before + 1)] as const);
    await page.keyboard.press('F9');
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.getAttribute('data-packed') === want, [`[data-testid="pack-line"][data-sku="${sku}"]`, String(before)] as const);
  }
  await page.waitForTimeout(50);
  return page.evaluate(() => {
    const p = (window as ProbeWindow).packlineScanProbe;
    return { dom: [...(p?.dom ?? [])], frame: [...(p?.frame ?? [])] };
  });
}

/**
 * Order lookup through the orders screen: the number goes into the search box as typed input,
 * and the clock stops when that order's row is in the DOM. Index, React render and the
 * row's document read are all inside the figure.
 */
export async function lookupLoop(page: Page, numbers: readonly string[]): Promise<number[]> {
  return page.evaluate(async (list) => {
    const input = document.querySelector<HTMLInputElement>('input[data-testid="orders-search"]');
    // React tracks the value it set; the prototype's setter makes the change look typed.
    // oxlint-disable-next-line typescript/unbound-method -- called below with the input as `this`
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    if (input === null || setter === undefined) throw new Error('no orders search box');
    const out: number[] = [];
    for (const number of list) {
      const sel = `[data-testid="order-row"][data-order-number="${number}"]`;
      const t0 = performance.now();
      setter.call(input, number);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((resolve) => {
        if (document.querySelector(sel) !== null) {
          resolve();
          return;
        }
        const mo = new MutationObserver(() => {
          if (document.querySelector(sel) === null) return;
          mo.disconnect();
          resolve();
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      out.push(performance.now() - t0);
    }
    return out;
  }, numbers);
}

/** ms from navigation start to the first pack-queue row, as seen by the probe. */
export async function coldReady(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction(() => (window as ProbeWindow).packlineColdReady !== undefined, null, { timeout: timeoutMs });
  return page.evaluate(() => (window as ProbeWindow).packlineColdReady ?? Number.NaN);
}

/** Used JS heap after a full garbage collection, from CDP. */
export async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/**
 * The same documents put straight into a new IndexedDB database in one transaction: the floor.
 * With `indexes` (key paths), the store carries those indexes and each document the two
 * fields they need as RxDB's Dexie storage keeps them (`_deleted` as '0', `_meta.lwt`), added
 * before the clock starts: the floor for a store laid out as the app's.
 */
export async function rawIndexedDbWriteMs(page: Page, docs: readonly object[], indexes: readonly (string | readonly string[])[] = []): Promise<number> {
  return page.evaluate(
    async ({ all, keyPaths }) => {
      const name = `raw-bench-${Math.random().toString(36).slice(2)}`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.addEventListener('upgradeneeded', () => {
          const store = open.result.createObjectStore('docs', { keyPath: 'id' });
          keyPaths.forEach((k, i) => store.createIndex(`i${i}`, typeof k === 'string' ? k : [...k]));
        });
        open.addEventListener('success', () => resolve(open.result));
        open.addEventListener('error', () => reject(new Error(String(open.error))));
      });
      const lwt = Date.now();
      const rows = keyPaths.length === 0 ? all : all.map((d) => ({ ...d, _deleted: '0', _meta: { lwt } }));
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('docs', 'readwrite');
        const store = tx.objectStore('docs');
        for (const d of rows) store.put(d);
        tx.addEventListener('complete', () => resolve());
        tx.addEventListener('error', () => reject(new Error(String(tx.error))));
      });
      const ms = performance.now() - t0;
      db.close();
      indexedDB.deleteDatabase(name);
      return ms;
    },
    { all: docs, keyPaths: indexes },
  );
}
