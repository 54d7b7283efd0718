import { describe, expect, it } from 'vitest';
import { failure } from '../../renderer/sync/problem.ts';
import { StatusBoard, type CollectionStatus } from '../../renderer/sync/status.ts';

function board(): { board: StatusBoard; at: (ms: number) => void } {
  let now = 1_000;
  return { board: new StatusBoard(() => now), at: (ms) => (now = ms) };
}

const line = (b: StatusBoard, name: string): CollectionStatus | undefined => b.collections.get(name);

describe('status board, per collection (the Sync page)', () => {
  it('follows each collection from waiting through its first sync to live, and pauses them all when sync stops', () => {
    const { board: b } = board();
    expect(b.collections.size).toBe(0);
    b.setRunning(true, ['orders', 'movements']);
    expect(line(b, 'orders')?.phase).toBe('waiting');
    expect(line(b, 'movements')?.phase).toBe('waiting');

    b.setPhase('orders', 'first-sync');
    expect(line(b, 'orders')?.phase).toBe('first-sync');
    expect(line(b, 'movements')?.phase).toBe('waiting');
    b.setPhase('orders', 'catching-up');
    b.setPhase('orders', 'live');
    expect(line(b, 'orders')?.phase).toBe('live');

    b.setRunning(false);
    expect([...b.collections.values()].map((c) => c.phase)).toEqual(['stopped', 'stopped']);
    // A lane that reports late, after the stop, does not bring its line back to life.
    b.setPhase('orders', 'live');
    expect(line(b, 'orders')?.phase).toBe('stopped');
    b.setRunning(true, ['orders', 'movements']);
    expect(line(b, 'orders')?.phase).toBe('waiting');
  });

  it('tells each collection its own failure, uploads waiting and last download', () => {
    const { board: b, at } = board();
    b.setRunning(true, ['orders', 'shipments']);
    b.failed('pull orders', failure('server', 'pull orders: 503 restarting', { status: 503, detail: 'restarting' }));
    b.setPending('shipments', 3);
    expect(line(b, 'orders')).toMatchObject({ phase: 'waiting', pending: 0, lastPullAt: null, error: 'pull orders: 503 restarting', downloaded: null });
    expect(line(b, 'orders')?.problem).toMatchObject({ action: 'pull', collection: 'orders', kind: 'server', status: 503, detail: 'restarting' });
    expect(line(b, 'shipments')).toEqual({ phase: 'waiting', pending: 3, lastPullAt: null, error: null, problem: null, downloaded: null });

    at(5_000);
    b.succeeded('pull orders', false);
    expect(line(b, 'orders')?.error).toBeNull();
    expect(line(b, 'orders')?.lastPullAt).toBeNull();
    b.succeeded('pull orders', true);
    expect(line(b, 'orders')?.lastPullAt).toBe(5_000);
    // A push round is not a download.
    b.succeeded('push shipments', true);
    expect(line(b, 'shipments')?.lastPullAt).toBeNull();
    b.streamState('shipments', false, failure('stream-lost', 'event stream closed'));
    expect(line(b, 'shipments')?.error).toBe('event stream closed');
    expect(line(b, 'orders')?.error).toBeNull();
  });

  it('counts what a first sync has written, only while it runs', () => {
    const { board: b } = board();
    b.setRunning(true, ['orders']);
    b.setPhase('orders', 'first-sync');
    expect(line(b, 'orders')?.downloaded).toBe(0);
    b.setDownloaded('orders', 1000);
    b.setDownloaded('orders', 2000);
    expect(line(b, 'orders')?.downloaded).toBe(2000);
    // Once the replication takes over, the store's own count is what the page shows.
    b.setPhase('orders', 'catching-up');
    expect(line(b, 'orders')?.downloaded).toBeNull();
    // A restart counts afresh.
    b.setRunning(false);
    b.setRunning(true, ['orders']);
    b.setPhase('orders', 'first-sync');
    expect(line(b, 'orders')?.downloaded).toBe(0);
  });

  it('emits the lines whenever one changes', () => {
    const { board: b } = board();
    const seen: string[] = [];
    const sub = b.collections$.subscribe((m) => seen.push([...m.values()].map((c) => c.phase).join(',')));
    b.setRunning(true, ['orders']);
    b.setPhase('orders', 'first-sync');
    b.setPhase('orders', 'first-sync');
    sub.unsubscribe();
    expect(seen).toEqual(['', 'waiting', 'first-sync']);
  });
});
