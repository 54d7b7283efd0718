/**
 * UI benchmark (`npm run bench:ui`): the built renderer in headless Debian Chromium over a
 * local store of 100,000 orders, loaded the way a station gets them, by the app's own
 * replication from a server seeded with them (not timed). Prints a table and updates
 * BENCHMARKS.md.
 *   BENCH_UI_ORDERS=100000 BENCH_UI_SYNC_ORDERS=20000 BENCH_UI_SCANS=500 BENCH_UI_LOOKUPS=500
 *   BENCH_UI_ONLY=cold,sync (any of lookup, scan, cold, sync: a partial run prints its table and
 *   writes BENCHMARKS.md only when BENCH_UI_OUT names a file)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { OrderSearchIndex } from '../../renderer/orders/search-index.ts';
import { collections, type CollectionName } from '../../shared/schema/collections.ts';
import type { Order } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Site } from '../../shared/schema/sites.ts';
import type { PullResponse } from '../../shared/sync/protocol.ts';
import { CHROMIUM_ARGS, enrolAndSignIn, launchBrowser, startBenchServer, waitForAllLive, waitForLocal, type BenchServer } from './ui/browser.ts';
import { coldReady, heapUsedMb, installProbes, lookupLoop, rawIndexedDbWriteMs, scanInPage, scanLoop } from './ui/measure.ts';
import { consoleTable, markdownSection, stats, writeSection, type Row } from './ui/report.ts';

const ORDERS = Number(process.env.BENCH_UI_ORDERS ?? 100_000);
const SYNC_ORDERS = Number(process.env.BENCH_UI_SYNC_ORDERS ?? 20_000);
const SCANS = Number(process.env.BENCH_UI_SCANS ?? 500);
const LOOKUPS = Number(process.env.BENCH_UI_LOOKUPS ?? 500);
const COLD_RUNS = 3;
const PARTS = ['lookup', 'scan', 'cold', 'sync'] as const;
type Part = (typeof PARTS)[number];
const ONLY = process.env.BENCH_UI_ONLY?.split(',').map((p) => p.trim()).filter((p) => p !== '');
const unknownParts = (ONLY ?? []).filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknownParts.length > 0) throw new Error(`BENCH_UI_ONLY: unknown part ${unknownParts.join(', ')} (known: ${PARTS.join(', ')})`);
const runs = (part: Part): boolean => ONLY === undefined || ONLY.includes(part);
const ADMIN = 'packline-demo-admin';
const VIEWPORT = { width: 1280, height: 800 };

const log = (s: string): void => console.log(s);
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

async function pullAll<D>(server: BenchServer, collection: string): Promise<D[]> {
  const out: D[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/sync/${collection}/pull?limit=1000&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    if (!res.ok) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
    const page: PullResponse<D> = await res.json();
    out.push(...page.documents);
    if (page.documents.length < 1000) return out;
    checkpoint = page.checkpoint;
  }
}

async function madOrders(server: BenchServer): Promise<Order[]> {
  const sites = await pullAll<Site>(server, 'sites');
  const mad = sites.find((s) => s.code === 'MAD');
  return (await pullAll<Order>(server, 'orders')).filter((o) => o.siteId === mad?.id);
}

function sample<T>(items: readonly T[], n: number, seed = 7): T[] {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, () => items[Math.floor(next() * items.length)]).filter((x): x is T => x !== undefined);
}

function persistent(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    viewport: VIEWPORT,
  });
}

async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** 100,000 orders in the station's store: lookup, heap, scan-to-feedback, cold start. */
async function bigStore(rows: Row[], notes: string[]): Promise<void> {
  const server = await startBenchServer(ORDERS, log);
  const profile = mkdtempSync(join(tmpdir(), 'packline-ui-bench-profile-'));
  let context: BrowserContext | null = null;
  try {
    const orders = await madOrders(server);
    const products = await pullAll<Product>(server, 'products');
    log(`server ready: ${orders.length} orders at MAD`);

    // The search index alone, in Node over the same documents.
    const index = new OrderSearchIndex();
    let t0 = performance.now();
    index.bulkLoad(orders);
    index.search('0', 1);
    const buildMs = performance.now() - t0;
    const nodeLookups = sample(orders, 10_000).map((o) => {
      const t = performance.now();
      index.search(o.number, 20);
      return performance.now() - t;
    });
    const nodeLookup = stats(nodeLookups);

    context = await persistent(profile);
    await installProbes(context);
    let page = await firstPage(context);
    t0 = performance.now();
    await enrolAndSignIn(page, server.url);
    await waitForLocal(page, 'orders', orders.length, 60 * 60_000, 2000);
    // Shipments and movements have their first sync after the orders': measure a steady store.
    await waitForAllLive(page, 60 * 60_000);
    const loadS = (performance.now() - t0) / 1000;
    log(`local store filled by the app's replication: ${orders.length} orders, every collection in sync, in ${loadS.toFixed(0)} s (not a target)`);
    notes.push(`Loading ${orders.length.toLocaleString('en-US')} orders (and their shipments and movements) into the fresh station by its own replication took ${loadS.toFixed(0)} s until every collection was in sync (untimed setup).`);

    // Order lookup by number, through the orders screen and its search index.
    let heapOrders = 0;
    if (runs('lookup')) {
      await page.getByTestId('nav-orders').click();
      t0 = performance.now();
      await page.locator('[data-testid="orders-count"][data-ready="true"]').waitFor({ timeout: 300_000 });
      notes.push(`The orders search index was ready ${((performance.now() - t0) / 1000).toFixed(1)} s after opening the orders screen (read of every order from IndexedDB, then the build).`);
      const numbers = sample(orders, LOOKUPS + 20, 11).map((o) => o.number);
      const uiLookup = stats((await lookupLoop(page, numbers)).slice(20));
      rows.push({ metric: `order lookup by number, typed to row on screen (p50 / p95, n=${uiLookup.n})`, value: `${ms(uiLookup.p50)} / ${ms(uiLookup.p95)}`, target: 'p95 ≤ 5 ms', met: uiLookup.p95 <= 5 });
      rows.push({ metric: 'order lookup, search index alone in Node (p50 / p95)', value: `${ms(nodeLookup.p50)} / ${nodeLookup.p95.toFixed(3)} ms`, target: 'p95 ≤ 5 ms', met: nodeLookup.p95 <= 5 });
      notes.push(`Search index over ${orders.length.toLocaleString('en-US')} orders builds in ${ms(buildMs)} in Node.`);
      heapOrders = await heapUsedMb(page);
      log(`lookups done: p95 ${ms(uiLookup.p95)}; heap ${heapOrders.toFixed(0)} MB`);
    }

    // Scan-to-feedback: a ready order opened by scanning its number on the queue, as a packer does.
    if (runs('scan')) {
      const barcodes = new Map(products.map((p) => [p.sku, p.barcodes[0]?.value]));
      const target = orders.find((o) => o.status === 'ready' && barcodes.get(o.lines[0]?.sku ?? '') !== undefined);
      const sku = target?.lines[0]?.sku ?? '';
      const barcode = barcodes.get(sku);
      if (target === undefined || barcode === undefined) throw new Error('no ready order with a barcoded line');
      await page.getByTestId('nav-pack').click();
      await page.getByTestId('pack-queue').waitFor({ timeout: 120_000 });
      await scanInPage(page, target.number);
      await page.locator(`[data-testid="pack-line"][data-sku="${sku}"]`).waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
        await page.screenshot({ path: 'test-results/screenshots/bench-pack-failed.png' });
        throw err;
      });
      const scans = await scanLoop(page, sku, barcode, SCANS, 20);
      const dom = stats(scans.dom);
      const frame = stats(scans.frame);
      rows.push({ metric: `scan-to-feedback, Enter to line updated in DOM (p50 / p95, n=${dom.n})`, value: `${ms(dom.p50)} / ${ms(dom.p95)}`, target: 'p95 ≤ 16 ms', met: dom.p95 <= 16 });
      rows.push({ metric: 'scan-to-feedback, Enter to next frame after it (p50 / p95)', value: `${ms(frame.p50)} / ${ms(frame.p95)}`, target: '—', met: null });
      const heapAfter = await heapUsedMb(page);
      log(`scans done: p95 ${ms(dom.p95)}; heap ${heapAfter.toFixed(0)} MB`);
      const heap = Math.max(heapOrders, heapAfter);
      rows.push({ metric: `renderer JS heap after GC (${ORDERS.toLocaleString('en-US')} orders, index built, after the scans)`, value: `${heap.toFixed(0)} MB`, target: '≤ 300 MB', met: heap <= 300 });
    }

    // Cold start: a new browser process on the same profile, the packer still signed in.
    if (runs('cold')) {
      const staff = await page.evaluate(() => sessionStorage.getItem('packline.session.staff'));
      const colds: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        await context.close();
        context = await persistent(profile);
        await installProbes(context);
        await context.addInitScript((s) => {
          if (s !== null && sessionStorage.getItem('packline.session.staff') === null) sessionStorage.setItem('packline.session.staff', s);
        }, staff);
        page = await firstPage(context);
        await page.goto(`${server.url}/pack`);
        const ready = await coldReady(page, 60_000).catch(async (err: unknown) => {
          await page.screenshot({ path: `test-results/screenshots/bench-cold-failed-${i}.png` });
          notes.push(`Cold start run ${i + 1} did not reach a pack-queue row: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}.`);
          return Number.NaN;
        });
        if (!Number.isNaN(ready)) colds.push(ready);
      }
      const cold = stats(colds);
      rows.push({ metric: `cold start to pack queue with data (median of ${cold.n}; worst)`, value: cold.n === 0 ? 'not measured' : `${ms(cold.p50)}; ${ms(cold.max)}`, target: '≤ 1500 ms', met: cold.n === 0 ? null : cold.max <= 1500 });
    }
  } finally {
    await context?.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Initial sync of 20,000 orders into a fresh browser, beside a raw IndexedDB write of the same documents. */
async function initialSync(rows: Row[], notes: string[]): Promise<void> {
  const server = await startBenchServer(SYNC_ORDERS, log);
  const browser = await launchBrowser();
  try {
    const orders = await madOrders(server);
    const page = await browser.newPage({ viewport: VIEWPORT });
    let started = Number.NaN;
    page.on('request', (r) => {
      if (Number.isNaN(started) && r.url().includes('/sync/orders/pull')) started = performance.now();
    });
    await enrolAndSignIn(page, server.url);
    const done = await waitForLocal(page, 'orders', orders.length, 30 * 60_000, 100);
    const syncMs = done - started;
    // Shipments, movements and refusals have their first syncs after the orders': the raw
    // writes are measured once they are over, on a quiet page.
    await waitForAllLive(page, 30 * 60_000);
    const rawMs = await rawIndexedDbWriteMs(page, orders);
    const indexedMs = await rawIndexedDbWriteMs(page, orders, dexieIndexes('orders'));
    const ratio = syncMs / rawMs;
    rows.push({ metric: `initial sync of ${orders.length.toLocaleString('en-US')} orders into a fresh browser`, value: `${Math.round(orders.length / (syncMs / 1000))} docs/s (${ms(syncMs)})`, target: '—', met: null });
    rows.push({ metric: 'raw IndexedDB write of the same documents, one transaction', value: `${Math.round(orders.length / (rawMs / 1000))} docs/s (${ms(rawMs)})`, target: '—', met: null });
    rows.push({ metric: 'initial sync time ÷ raw write time', value: `${ratio.toFixed(2)}×`, target: '≤ 1.5×', met: ratio <= 1.5 });
    rows.push({ metric: "raw IndexedDB write of the same documents into a store with the orders' indexes, one transaction (÷ raw write time)", value: `${Math.round(orders.length / (indexedMs / 1000))} docs/s (${ms(indexedMs)}, ${(indexedMs / rawMs).toFixed(2)}×)`, target: '—', met: null });
    notes.push(`Initial sync is timed from the first orders pull request to the moment IndexedDB holds all ${orders.length.toLocaleString('en-US')} orders (polled every 100 ms). Sites, products and staff sync alongside; shipments, movements and refusals have their first syncs after the orders', as for a real station. The raw writes are measured in the same page once every collection is in sync.`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * The IndexedDB indexes RxDB 17's Dexie storage gives a collection (getDexieStoreSchema):
 * [_deleted+id], each schema index between `_deleted` and the primary key, [_meta.lwt+id]
 * and _meta.lwt.
 */
function dexieIndexes(name: CollectionName): string[][] {
  return [['_deleted', 'id'], ...collections[name].indexes.map((i) => ['_deleted', ...(typeof i === 'string' ? [i] : i), 'id']), ['_meta.lwt', 'id'], ['_meta.lwt']];
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];
  log(`UI benchmark: ${ORDERS} orders in the store, ${SCANS} scans, ${LOOKUPS} lookups, initial sync of ${SYNC_ORDERS}`);
  if (runs('lookup') || runs('scan') || runs('cold')) {
    await bigStore(rows, notes);
    log(`\n${consoleTable(rows)}`);
  }
  if (runs('sync')) {
    await initialSync(rows, notes);
    log(`\n${consoleTable(rows)}`);
  }
  if (ONLY !== undefined && process.env.BENCH_UI_OUT === undefined) {
    for (const n of notes) log(`- ${n}`);
    log(`partial run (BENCH_UI_ONLY=${ONLY.join(',')}): BENCHMARKS.md left as it is`);
    return;
  }
  const intro = [
    `The built renderer (served by the real server) in headless Debian Chromium, as demo station MAD with a packer signed in. The station's store holds ${ORDERS.toLocaleString('en-US')} orders, loaded by the app's own replication from a server whose database was seeded with them (the demo generator, written straight to the database before the server starts); loading is setup and not timed.`,
    'Scan and lookup times are taken inside the page with performance.now(): from the Enter keydown (capture phase, before the app sees it) or the input event, to the DOM change a MutationObserver sees. Each scan is undone with F9 before the next, untimed.',
  ];
  writeSection(process.env.BENCH_UI_OUT ?? join(import.meta.dirname, '..', '..', 'BENCHMARKS.md'), markdownSection(intro, rows, notes));
  log('BENCHMARKS.md updated');
}

await main();
