/** Where a benchmark's time goes: every pull and push request a client makes, timed. */
import { performance } from 'node:perf_hooks';
import type { FetchFn } from '../../renderer/sync/http.ts';
import { percentile } from './report.ts';

export type Req = { kind: 'pull' | 'push'; start: number; end: number };

export class RequestLog {
  readonly entries: Req[] = [];

  /** `base`, recording each pull and push (event streams pass untimed). */
  wrap(base: FetchFn): FetchFn {
    return async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const path = url.split('?')[0] ?? '';
      const kind = path.endsWith('/push') ? 'push' : path.endsWith('/pull') ? 'pull' : null;
      if (kind === null) return base(input, init);
      const start = performance.now();
      const res = await base(input, init);
      // The body is part of the request's cost: wait for it on a copy, leave the original to the caller.
      await res.clone().arrayBuffer();
      this.entries.push({ kind, start, end: performance.now() });
      return res;
    };
  }

  between(kind: Req['kind'], from: number, to: number): Req[] {
    return this.entries.filter((r) => r.kind === kind && r.start >= from && r.end <= to);
  }
}

/** One live write's path: A's push request, the wait until B pulls (the poke), B's pull, and the rest (both clients' local work). */
export type LiveSplit = { push: number; poke: number; pull: number; local: number };

export function splitLive(a: RequestLog, b: RequestLog, t0: number, t1: number): LiveSplit | null {
  const push = a.between('push', t0, t1)[0];
  if (push === undefined) return null;
  const pulls = b.between('pull', push.end, t1);
  const pull = pulls.at(-1);
  if (pull === undefined) return null;
  const total = t1 - t0;
  const p = push.end - push.start;
  const q = pull.start - push.end;
  const r = pull.end - pull.start;
  return { push: p, poke: q, pull: r, local: total - p - q - r };
}

export function medianSplit(splits: readonly LiveSplit[]): LiveSplit {
  const med = (k: keyof LiveSplit): number => percentile(splits.map((s) => s[k]).sort((x, y) => x - y), 0.5);
  return { push: med('push'), poke: med('poke'), pull: med('pull'), local: med('local') };
}

/**
 * Push requests during [from, to]: how many, their median duration, how many ran at once at
 * most, and the share of the time at least one was in flight (the rest the client spent on
 * its own work between requests).
 */
export function pushShape(log: RequestLog, from: number, to: number): { requests: number; medianMs: number; maxConcurrent: number; inFlight: number } {
  const reqs = log.between('push', from, to);
  const edges = reqs.flatMap((r) => [
    { t: r.start, d: 1 },
    { t: r.end, d: -1 },
  ]);
  edges.sort((x, y) => x.t - y.t || x.d - y.d);
  let now = 0;
  let max = 0;
  let busy = 0;
  let since = 0;
  for (const e of edges) {
    if (now === 0 && e.d > 0) since = e.t;
    now += e.d;
    if (now === 0) busy += e.t - since;
    max = Math.max(max, now);
  }
  const medianMs = percentile(reqs.map((r) => r.end - r.start).sort((x, y) => x - y), 0.5);
  return { requests: reqs.length, medianMs, maxConcurrent: max, inFlight: to > from ? busy / (to - from) : 0 };
}
