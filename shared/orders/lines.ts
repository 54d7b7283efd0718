import type { Order, OrderEvent, OrderLine } from '../schema/orders.ts';

export type LineState = Order['lineState'][number];

/**
 * Per-line quantities: ordered from the header's lines, the rest summed from the events.
 * Nothing is clamped: over-quantities stay visible and the fold raises exceptions on them.
 *
 * Entries follow the header's line order. Events may name a line the header no longer has
 * (lines are last-writer-wins and can be edited away after work started); such lines are
 * appended with `ordered: 0`, sorted by lineId, rather than dropped, so that work is not
 * silently lost. A lineId repeated in the header (invalid, but possible) sums its quantities.
 */
export function tallyLines(lines: readonly OrderLine[], log: readonly OrderEvent[]): LineState[] {
  const byId = new Map<string, LineState>();
  const known: LineState[] = [];
  const extra: LineState[] = [];
  const get = (lineId: string, isHeader: boolean): LineState => {
    let s = byId.get(lineId);
    if (s === undefined) {
      s = { lineId, ordered: 0, picked: 0, packed: 0, shipped: 0, returned: 0 };
      byId.set(lineId, s);
      (isHeader ? known : extra).push(s);
    }
    return s;
  };
  for (const line of lines) get(line.lineId, true).ordered += line.quantity;
  for (const e of log) {
    switch (e.type) {
      case 'picked':
        get(e.lineId, false).picked += e.qty;
        break;
      case 'packed':
        get(e.lineId, false).packed += e.qty;
        break;
      case 'shipped':
        for (const l of e.lines) get(l.lineId, false).shipped += l.qty;
        break;
      case 'return_received':
        get(e.lineId, false).returned += e.qty;
        break;
      default:
        break;
    }
  }
  extra.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  return [...known, ...extra];
}
