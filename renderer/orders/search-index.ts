/**
 * In-memory prefix index over orders: order number, customer name, email, line SKUs and the
 * tracking numbers of the order's shipments. RxDB regex queries scan every document, far
 * too slow at 100,000 orders; this answers a lookup in microseconds and is kept current from
 * the collections' change streams (search-live.ts). Pure: no RxDB, no DOM.
 */

export type IndexedOrder = {
  readonly id: string;
  readonly number: string;
  readonly customerName: string;
  readonly email: string;
  readonly lines: readonly { readonly sku: string }[];
};

export type IndexedShipment = { readonly id: string; readonly orderId: string; readonly trackingNumber: string };

type Source = { readonly orderId: string; readonly tokens: readonly string[] };

/** Lower case without accents, so "García" is found by "garcia" and "GARC". */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The words of a value plus, when it has separators, the value squeezed together: "PL-100234"
 * is found by "100234", "pl-100" and "PL100234"; "ana.ruiz@x.es" by "ruiz" and the whole address.
 */
export function tokensOf(value: string): string[] {
  const n = normalise(value);
  const words = n.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const squeezed = words.join('');
  return words.length > 1 ? [...words, squeezed] : words;
}

/** The words of a query; every one must prefix some token of an order for it to match. */
export function queryTokens(query: string): string[] {
  const words = normalise(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  // Longest first: the most selective word drives the scan, the others only filter.
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class OrderSearchIndex {
  /** token -> source keys ("o:<orderId>" or "s:<shipmentId>"); arrays, as most hold one key. */
  private readonly postings = new Map<string, string[]>();
  private readonly sources = new Map<string, Source>();
  /** orderId -> its source keys, for the AND filter over every query word. */
  private readonly byOrder = new Map<string, string[]>();
  /** Every token in sorted order for prefix ranges; rebuilt lazily after a bulk load. */
  private sorted: string[] = [];
  private dirty = false;
  /** Orders in the order they were first indexed: the list shown for an empty query. */
  private readonly orderIds = new Set<string>();

  get size(): number {
    return this.orderIds.size;
  }

  setOrder(o: IndexedOrder): void {
    this.orderIds.add(o.id);
    const tokens = [o.number, o.customerName, o.email, ...o.lines.map((l) => l.sku)].flatMap(tokensOf);
    this.setSource(`o:${o.id}`, { orderId: o.id, tokens: [...new Set(tokens)] });
  }

  removeOrder(id: string): void {
    this.orderIds.delete(id);
    this.removeSource(`o:${id}`);
  }

  setShipment(s: IndexedShipment): void {
    this.setSource(`s:${s.id}`, { orderId: s.orderId, tokens: tokensOf(s.trackingNumber) });
  }

  removeShipment(id: string): void {
    this.removeSource(`s:${id}`);
  }

  /** Loads many documents at once: the sorted token list is built once at the next search. */
  bulkLoad(orders: Iterable<IndexedOrder>, shipments: Iterable<IndexedShipment> = []): void {
    this.dirty = true;
    for (const o of orders) this.setOrder(o);
    for (const s of shipments) this.setShipment(s);
  }

  /**
   * Ids of the orders matching every word of the query, exact tokens before longer ones,
   * at most `limit`. An empty query lists every order.
   */
  search(query: string, limit = Number.POSITIVE_INFINITY): string[] {
    const words = queryTokens(query);
    const first = words[0];
    if (first === undefined) return [...this.orderIds].slice(0, limit);
    if (this.dirty) {
      this.sorted = [...this.postings.keys()].sort();
      this.dirty = false;
    }
    const rest = words.slice(1);
    const found = new Set<string>();
    const out: string[] = [];
    for (let i = lowerBound(this.sorted, first); i < this.sorted.length && out.length < limit; i++) {
      const token = this.sorted[i] ?? '';
      if (!token.startsWith(first)) break;
      for (const key of this.postings.get(token) ?? []) {
        const orderId = this.sources.get(key)?.orderId;
        if (orderId === undefined || found.has(orderId)) continue;
        found.add(orderId);
        if (rest.every((w) => this.orderHasPrefix(orderId, w))) out.push(orderId);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  private orderHasPrefix(orderId: string, word: string): boolean {
    for (const key of this.byOrder.get(orderId) ?? []) {
      if (this.sources.get(key)?.tokens.some((t) => t.startsWith(word))) return true;
    }
    return false;
  }

  private setSource(key: string, source: Source): void {
    const old = this.sources.get(key);
    if (old && old.orderId === source.orderId && sameTokens(old.tokens, source.tokens)) return;
    if (old) this.removeSource(key);
    this.sources.set(key, source);
    const keys = this.byOrder.get(source.orderId);
    if (keys) keys.push(key);
    else this.byOrder.set(source.orderId, [key]);
    for (const t of source.tokens) {
      const posting = this.postings.get(t);
      if (posting) {
        posting.push(key);
        continue;
      }
      this.postings.set(t, [key]);
      if (!this.dirty) this.sorted.splice(lowerBound(this.sorted, t), 0, t);
    }
  }

  private removeSource(key: string): void {
    const old = this.sources.get(key);
    if (!old) return;
    this.sources.delete(key);
    const keys = this.byOrder.get(old.orderId);
    if (keys) {
      without(keys, key);
      if (keys.length === 0) this.byOrder.delete(old.orderId);
    }
    for (const t of old.tokens) {
      const posting = this.postings.get(t);
      if (!posting) continue;
      without(posting, key);
      if (posting.length > 0) continue;
      this.postings.delete(t);
      if (!this.dirty) this.sorted.splice(lowerBound(this.sorted, t), 1);
    }
  }
}

function without(list: string[], item: string): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
