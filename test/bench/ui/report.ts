import { percentile, writeSection as writeMarkedSection } from '../report.ts';
import { cpus, totalmem } from 'node:os';

export type Row = { metric: string; value: string; target: string; met: boolean | null };

export function stats(samples: readonly number[]): { p50: number; p95: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), max: s.at(-1) ?? Number.NaN, n: s.length };
}

const HEAD = ['metric', 'value', 'target', 'met'];
const cells = (r: Row): string[] => [r.metric, r.value, r.target, r.met === null ? '—' : r.met ? 'yes' : 'NO'];

export function consoleTable(rows: readonly Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}

const START = '<!-- bench:ui:start -->';
const END = '<!-- bench:ui:end -->';

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node ${process.version}, Debian Chromium (headless)`;
}

export function markdownSection(intro: readonly string[], rows: readonly Row[], notes: readonly string[]): string {
  return [
    START,
    '## UI (`npm run bench:ui`)',
    '',
    `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${machine()}.`,
    '',
    ...intro,
    '',
    `| ${HEAD.join(' | ')} |`,
    '|---|---:|---:|:---:|',
    ...rows.map((r) => `| ${cells(r).join(' | ')} |`),
    ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : []),
    END,
  ].join('\n');
}

/** Replace the UI benchmark's section of BENCHMARKS.md (the sync bench keeps its own), or append it. */
export function writeSection(path: string, section: string): void {
  writeMarkedSection(path, section, { start: START, end: END });
}
