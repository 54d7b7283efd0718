/** Figures, the console table and the BENCHMARKS.md section of the sync benchmark. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export type Figures = {
  backend: string;
  docs: number;
  docBytes: number;
  pushPerSec: number;
  pullPerSec: number;
  liveWrites: number;
  p50: number;
  p95: number;
  p99: number;
  /** The push phase's requests: count, median duration, most at once. */
  pushes: { requests: number; medianMs: number; maxConcurrent: number; inFlight: number };
  /** Median of each leg of a live write (timeline.ts). */
  live: Legs;
  /** The same live writes with a pause between them. */
  paced: { gapMs: number; p50: number; p95: number; p99: number; legs: Legs };
};

type Legs = { push: number; poke: number; pull: number; local: number };

const legs = (l: Legs): string =>
  `A's push request ${ms(l.push)} ms, push answered → B's pull sent (poke) ${ms(l.poke)} ms, B's pull request ${ms(l.pull)} ms, both clients' local work ${ms(l.local)} ms`;

/** Where the time went, in one line. */
export function explain(f: Figures): string {
  return (
    `${f.backend}: the push went out as ${f.pushes.requests} requests (median ${ms(f.pushes.medianMs)} ms each, up to ${f.pushes.maxConcurrent} at once, a request in flight ${Math.round(f.pushes.inFlight * 100)}% of the time). ` +
    `Median legs of a back-to-back live write: ${legs(f.live)}; of a paced one: ${legs(f.paced.legs)}.`
  );
}

/** Targets with PostgreSQL, and what PouchDB/pouchdb-server did on the same machine. */
export const TARGETS = { pushPerSec: 5000, pullPerSec: 8000, p50: 10, p95: 20 };
export const POUCHDB = { pushPerSec: 2500, pullPerSec: 2800, p50: 17, p95: 25 };

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} CPUs (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** The 1-minute load average: on a shared machine other work skews every figure, so say how busy it was. */
export function load(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

const ms = (n: number): string => n.toFixed(1);
const rate = (n: number): string => Math.round(n).toLocaleString('en-US');

function rows(figures: readonly Figures[]): string[][] {
  return figures.map((f) => [f.backend, rate(f.pushPerSec), rate(f.pullPerSec), ms(f.p50), ms(f.p95), ms(f.p99), ms(f.paced.p50), ms(f.paced.p95), ms(f.paced.p99)]);
}

const HEAD = ['backend', 'push docs/s', 'pull docs/s', 'live p50 ms', 'live p95 ms', 'live p99 ms', 'paced p50 ms', 'paced p95 ms', 'paced p99 ms'];

export function consoleTable(figures: readonly Figures[]): string {
  const all = [HEAD, ...rows(figures)];
  const widths = HEAD.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')).join('\n');
}

const START = '<!-- bench:sync:start -->';
const END = '<!-- bench:sync:end -->';

export function markdownSection(figures: readonly Figures[], notes: readonly string[], loadAtStart: string): string {
  const first = figures[0];
  const table = [`| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows(figures).map((r) => `| ${r.join(' | ')} |`)];
  return [
    START,
    '## Sync (`npm run bench:sync`)',
    '',
    `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${machine()}. Load average (1 min) when the run started: ${loadAtStart}, when it ended: ${load()}.`,
    '',
    first
      ? `One Node client (RxDB memory storage) pushes ${first.docs.toLocaleString('en-US')} orders of about ${first.docBytes} bytes, written while offline, to a fresh server over HTTP (the server runs in its own process); a fresh client of the same site pulls them; then ${first.liveWrites} single writes on client A are timed from the local insert to the change event on client B (push, server poke over SSE, pull): "live" back to back, "paced" with ${first.paced.gapMs} ms between writes.`
      : '',
    '',
    ...table,
    '',
    `Targets with PostgreSQL: push ≥ ${rate(TARGETS.pushPerSec)} docs/s, pull ≥ ${rate(TARGETS.pullPerSec)} docs/s, live p50 ≤ ${TARGETS.p50} ms, p95 ≤ ${TARGETS.p95} ms. Reference, PouchDB with pouchdb-server on the same machine: push ${rate(POUCHDB.pushPerSec)}, pull ${rate(POUCHDB.pullPerSec)}, p50 ${POUCHDB.p50} ms, p95 ${POUCHDB.p95} ms.`,
    ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : []),
    END,
  ].join('\n');
}

/**
 * Replace one benchmark's section of BENCHMARKS.md, between its own start and end markers
 * (other benchmarks keep theirs), or append it.
 */
export function writeSection(path: string, section: string, markers: { start: string; end: string } = { start: START, end: END }): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(markers.start);
  const end = current.indexOf(markers.end);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + markers.end.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
