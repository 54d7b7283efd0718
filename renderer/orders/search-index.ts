/**
 * In-memory prefix index over orders: order number, customer name, email, line SKUs and the
 * tracking numbers of the order's shipments. RxDB regex queries scan every document, far
 * too slow at 100,000 orders; this answers a lookup in microseconds and is kept current from
 * the collections' change streams (search-live.ts). It also keeps the few fields a result
 * row shows, so the list renders without reading a document. Pure: no RxDB, no DOM.
 *
 * Compact by design, as it lives as long as the store: tokens are interned once and named
 * by number, postings and per-order token lists hold small integers, orders are numbered
 * slots, and repeated row values (customer, email, site, day, currency) share one string.
 */
import type { Order, OrderLine } from '../../shared/schema/orders.ts';
import { orderTotal } from './describe.ts';

type RowFields = 'id' | 'number' | 'customerName' | 'email' | 'status' | 'openExceptions' | 'siteId' | 'shipBy' | 'currency';

/** What the index needs of an order: searchable text and what a row shows. An Order fits. */
export type IndexedOrder = Pick<Order, RowFields> & { readonly lines: readonly Pick<OrderLine, 'sku' | 'quantity' | 'unitPrice'>[] };

export type IndexedShipment = { readonly id: string; readonly orderId: string; readonly trackingNumber: string };

/** One result row as the orders list shows it; a new object whenever a shown field changes. */
export type OrderSummary = Readonly<Pick<Order, RowFields>> & {
  /** Sum of the lines in minor units. */
  readonly total: number;
};

/** A result row of an order the index does not hold (found in the store while the index is built). */
export function orderSummary(o: IndexedOrder): OrderSummary {
  return {
    id: o.id, number: o.number, customerName: o.customerName, email: o.email, status: o.status, openExceptions: o.openExceptions,
    siteId: o.siteId, shipBy: o.shipBy, currency: o.currency, total: orderTotal(o),
  };
}

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

/**
 * An order, tracking or other number as typed or scanned ("PL-100234", "100234",
 * "PL00020000000021"): at least four digits, letters only before them.
 */
export function looksLikeNumber(query: string): boolean {
  return /^[\p{L}]{0,4}[-\s]?\d{4,}$/u.test(query.trim());
}

/** A token's postings: the slots of the orders whose sources hold it, one entry per source; a lone slot unboxed. */
type Posting = number | number[];

type ShipmentSource = { readonly slot: number; readonly tokens: readonly number[] };

export class OrderSearchIndex {
  /** orderId -> slot; an order seen only through a shipment has a slot but no row yet. */
  private readonly slots = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly rows: (OrderSummary | undefined)[] = [];
  private readonly orderTokens: (readonly number[] | undefined)[] = [];
  private readonly shipmentIdsOf: (string[] | undefined)[] = [];
  private readonly shipments = new Map<string, ShipmentSource>();
  private count = 0;

  /** Token text -> token number, and back; numbers of dropped tokens are reused. */
  private readonly tokenNo = new Map<string, number>();
  private readonly tokenText: string[] = [];
  private readonly postings: (Posting | undefined)[] = [];
  private readonly freeTokens: number[] = [];
  /** Token numbers in text order, for prefix ranges; rebuilt lazily after a bulk load. */
  private sorted: number[] = [];
  private dirty = false;
  /** One copy of each repeated row value. */
  private readonly shared = new Map<string, string>();

  get size(): number {
    return this.count;
  }

  /** The row of an indexed order, or undefined when the index does not hold it. */
  summaryOf(id: string): OrderSummary | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.rows[slot];
  }

  setOrder(o: IndexedOrder): void {
    const slot = this.slotFor(o.id);
    const old = this.rows[slot];
    if (old === undefined) this.count += 1;
    this.rows[slot] = this.summarise(o, old, slot);
    const texts = new Set([o.number, o.customerName, o.email, ...o.lines.map((l) => l.sku)].flatMap(tokensOf));
    const before = this.orderTokens[slot];
    if (before !== undefined && sameTexts(this.tokenText, before, texts)) return;
    if (before !== undefined) this.dropTokens(before, slot);
    this.orderTokens[slot] = this.addTokens(texts, slot);
  }

  removeOrder(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined || this.rows[slot] === undefined) return;
    this.count -= 1;
    this.rows[slot] = undefined;
    const tokens = this.orderTokens[slot];
    if (tokens !== undefined) this.dropTokens(tokens, slot);
    this.orderTokens[slot] = undefined;
    this.releaseSlot(slot);
  }

  setShipment(s: IndexedShipment): void {
    const old = this.shipments.get(s.id);
    const texts = new Set(tokensOf(s.trackingNumber));
    if (old && this.ids[old.slot] === s.orderId && sameTexts(this.tokenText, old.tokens, texts)) return;
    if (old) this.removeShipment(s.id);
    const slot = this.slotFor(s.orderId);
    this.shipments.set(s.id, { slot, tokens: this.addTokens(texts, slot) });
    const list = this.shipmentIdsOf[slot];
    if (list) list.push(s.id);
    else this.shipmentIdsOf[slot] = [s.id];
  }

  removeShipment(id: string): void {
    const old = this.shipments.get(id);
    if (!old) return;
    this.shipments.delete(id);
    this.dropTokens(old.tokens, old.slot);
    const list = this.shipmentIdsOf[old.slot];
    if (list) {
      without(list, id);
      if (list.length === 0) this.shipmentIdsOf[old.slot] = undefined;
    }
    this.releaseSlot(old.slot);
  }

  /** Loads many documents at once: the sorted token list is built once at the next search. */
  bulkLoad(orders: Iterable<IndexedOrder>, shipments: Iterable<IndexedShipment> = []): void {
    this.dirty = true;
    for (const o of orders) this.setOrder(o);
    for (const s of shipments) this.setShipment(s);
  }

  /**
   * Ids of the orders matching every word of the query, exact tokens before longer ones,
   * at most `limit`. An empty query lists every order, in the order they were first indexed.
   * A shipment whose order this index does not hold finds nothing: there is no row to show.
   */
  search(query: string, limit = Number.POSITIVE_INFINITY): string[] {
    const words = queryTokens(query);
    const first = words[0];
    const out: string[] = [];
    if (first === undefined) {
      for (let slot = 0; slot < this.rows.length && out.length < limit; slot++) {
        const row = this.rows[slot];
        if (row !== undefined) out.push(row.id);
      }
      return out;
    }
    this.sortTokens();
    const rest = words.slice(1);
    const seen = new Set<number>();
    for (let i = this.lowerBound(first); i < this.sorted.length && out.length < limit; i++) {
      const tok = this.sorted[i] ?? -1;
      if (!(this.tokenText[tok] ?? '').startsWith(first)) break;
      for (const slot of slotsOf(this.postings[tok])) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const row = this.rows[slot];
        if (row === undefined || !rest.every((w) => this.slotHasPrefix(slot, w))) continue;
        out.push(row.id);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  private sortTokens(): void {
    if (!this.dirty) return;
    // The default sort compares UTF-16 code units, as `<` does in lowerBound.
    this.sorted = [...this.tokenNo.keys()].sort().map((text) => this.tokenNo.get(text) ?? -1);
    this.dirty = false;
  }

  private slotHasPrefix(slot: number, word: string): boolean {
    const has = (tokens: readonly number[] | undefined): boolean => tokens?.some((t) => (this.tokenText[t] ?? '').startsWith(word)) ?? false;
    if (has(this.orderTokens[slot])) return true;
    return (this.shipmentIdsOf[slot] ?? []).some((id) => has(this.shipments.get(id)?.tokens));
  }

  private slotFor(orderId: string): number {
    let slot = this.slots.get(orderId);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slots.set(orderId, slot);
      this.ids.push(orderId);
      this.rows.push(undefined);
      this.orderTokens.push(undefined);
      this.shipmentIdsOf.push(undefined);
    }
    return slot;
  }

  /**
   * Forgets an order id that neither an order nor a shipment holds any more. Slots are not
   * reused, so the empty query keeps listing orders in the order they were first indexed.
   */
  private releaseSlot(slot: number): void {
    if (this.rows[slot] !== undefined || this.shipmentIdsOf[slot] !== undefined) return;
    const id = this.ids[slot];
    if (id !== undefined) this.slots.delete(id);
    this.ids[slot] = '';
  }

  private summarise(o: IndexedOrder, old: OrderSummary | undefined, slot: number): OrderSummary {
    const total = orderTotal(o);
    if (
      old !== undefined && old.number === o.number && old.customerName === o.customerName && old.email === o.email && old.status === o.status &&
      old.openExceptions === o.openExceptions && old.siteId === o.siteId && old.shipBy === o.shipBy && old.currency === o.currency && old.total === total
    ) return old;
    return {
      // One copy of the id for the slot map, the slot list and the row.
      id: this.ids[slot] ?? o.id,
      number: old?.number === o.number ? old.number : o.number,
      customerName: this.share(o.customerName),
      email: this.share(o.email),
      status: this.share(o.status),
      openExceptions: o.openExceptions,
      siteId: this.share(o.siteId),
      shipBy: this.share(o.shipBy),
      currency: this.share(o.currency),
      total,
    };
  }

  private share<T extends string>(value: T): T {
    const found = this.shared.get(value);
    if (equal(found, value)) return found;
    this.shared.set(value, value);
    return value;
  }

  private addTokens(texts: ReadonlySet<string>, slot: number): number[] {
    const out: number[] = [];
    for (const text of texts) {
      let tok = this.tokenNo.get(text);
      if (tok === undefined) {
        tok = this.freeTokens.pop() ?? this.tokenText.length;
        this.tokenNo.set(text, tok);
        this.tokenText[tok] = text;
        this.postings[tok] = slot;
        if (!this.dirty) this.sorted.splice(this.lowerBound(text), 0, tok);
      } else {
        const p = this.postings[tok];
        this.postings[tok] = p === undefined ? slot : typeof p === 'number' ? [p, slot] : (p.push(slot), p);
      }
      out.push(tok);
    }
    return out;
  }

  private dropTokens(tokens: readonly number[], slot: number): void {
    for (const tok of tokens) {
      const p = this.postings[tok];
      if (Array.isArray(p)) {
        without(p, slot);
        this.postings[tok] = p.length === 1 ? p[0] : p;
        continue;
      }
      // The last source of this token: forget it and free its number.
      const text = this.tokenText[tok] ?? '';
      if (!this.dirty) this.sorted.splice(this.indexOfToken(text, tok), 1);
      this.postings[tok] = undefined;
      this.tokenNo.delete(text);
      this.tokenText[tok] = '';
      this.freeTokens.push(tok);
    }
  }

  private lowerBound(text: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.tokenText[this.sorted[mid] ?? -1] ?? '') < text) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where a token sits in the sorted list; asked while the token still has its text. */
  private indexOfToken(text: string, tok: number): number {
    const at = this.lowerBound(text);
    return this.sorted[at] === tok ? at : this.sorted.indexOf(tok);
  }
}

/** `a` is `b` by value; says so to TypeScript, so the stored copy keeps the caller's type. */
function equal<T extends string>(a: string | undefined, b: T): a is T {
  return a === b;
}

function slotsOf(p: Posting | undefined): readonly number[] {
  return p === undefined ? [] : typeof p === 'number' ? [p] : p;
}

function without(list: (string | number)[], item: string | number): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

function sameTexts(tokenText: readonly string[], tokens: readonly number[], texts: ReadonlySet<string>): boolean {
  return tokens.length === texts.size && tokens.every((t) => texts.has(tokenText[t] ?? ''));
}
