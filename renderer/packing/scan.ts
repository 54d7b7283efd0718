import { gtinCheckDigit, isValidGtin } from '../../shared/barcodes/gtin.ts';
import type { Order, OrderLine } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';

/** What the pack screen needs to know about a product to judge a scan. */
export type ProductRef = Pick<Product, 'id' | 'sku' | 'name'>;

/** Barcode (and SKU) -> product, built once per product list so a scan is a map lookup. */
export type ProductIndex = { byCode: ReadonlyMap<string, ProductRef> };

export function indexProducts(products: readonly Pick<Product, 'id' | 'sku' | 'name' | 'barcodes' | 'active'>[]): ProductIndex {
  const byCode = new Map<string, ProductRef>();
  for (const p of products) {
    const ref: ProductRef = { id: p.id, sku: p.sku, name: p.name };
    // SKU labels (Code 128 of the SKU) are common on own-brand stock; barcodes win a clash.
    if (!byCode.has(p.sku)) byCode.set(p.sku, ref);
    for (const b of p.barcodes) byCode.set(b.value, ref);
  }
  return { byCode };
}

export type ScanFailureReason = 'not_in_order' | 'line_complete' | 'unknown_barcode' | 'bad_check_digit' | 'order_not_packable';

export type LineProgress = { lineId: string; sku: string; name: string; packed: number; ordered: number };

export type ScanDecision =
  | { ok: true; code: string; lineId: string; packed: number; expected: number }
  | {
      ok: false;
      code: string;
      reason: ScanFailureReason;
      /** bad_check_digit: the digit the code should end in. */
      expected?: string;
      /** line_complete: the line that is already full. not_in_order: the product scanned. */
      line?: LineProgress;
      product?: ProductRef;
    };

const PACKABLE = new Set<Order['status']>(['ready', 'picking', 'packed']);

export function isPackable(order: Pick<Order, 'status' | 'onHold'>): boolean {
  return PACKABLE.has(order.status) && !order.onHold;
}

/** Units of a line packed so far: earlier `packed` events plus this session's scans. */
export function packedSoFar(order: Pick<Order, 'lineState'>, lineId: string, session: ReadonlyMap<string, number>): number {
  const before = order.lineState.find((l) => l.lineId === lineId)?.packed ?? 0;
  return before + (session.get(lineId) ?? 0);
}

/**
 * Judges one scan against an order: check digit first (a misread must not match a product by
 * luck), then the product, then the order line, then the count. Pure and synchronous, so the
 * pack screen can answer within the frame of the keydown.
 */
export function decideScan(
  order: Pick<Order, 'status' | 'onHold' | 'lines' | 'lineState'>,
  products: ProductIndex,
  session: ReadonlyMap<string, number>,
  code: string,
): ScanDecision {
  if (!isPackable(order)) return { ok: false, code, reason: 'order_not_packable' };
  if (/^(\d{8}|\d{12,14})$/.test(code) && !isValidGtin(code)) {
    return { ok: false, code, reason: 'bad_check_digit', expected: String(gtinCheckDigit(code.slice(0, -1))) };
  }
  const product = products.byCode.get(code);
  if (product === undefined) return { ok: false, code, reason: 'unknown_barcode' };
  const candidates = order.lines.filter((l) => l.productId === product.id || l.sku === product.sku);
  if (candidates.length === 0) return { ok: false, code, reason: 'not_in_order', product };
  // The same product on two lines (e.g. a gift and a paid unit): fill them in order.
  const open = candidates.find((l) => packedSoFar(order, l.lineId, session) < l.quantity);
  const full = candidates.at(-1);
  if (open === undefined && full !== undefined) {
    return { ok: false, code, reason: 'line_complete', line: progressOf(order, full, session) };
  }
  if (open === undefined) return { ok: false, code, reason: 'not_in_order', product };
  return { ok: true, code, lineId: open.lineId, packed: packedSoFar(order, open.lineId, session) + 1, expected: open.quantity };
}

export function progressOf(order: Pick<Order, 'lineState'>, line: OrderLine, session: ReadonlyMap<string, number>): LineProgress {
  return { lineId: line.lineId, sku: line.sku, name: line.name, packed: packedSoFar(order, line.lineId, session), ordered: line.quantity };
}

/** True when every line has all its units packed (earlier events plus this session). */
export function isFullyPacked(order: Pick<Order, 'lines' | 'lineState'>, session: ReadonlyMap<string, number>): boolean {
  return order.lines.every((l) => packedSoFar(order, l.lineId, session) >= l.quantity);
}
