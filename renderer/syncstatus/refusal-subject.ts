import type { TFunction } from 'i18next';
import type { Refusal } from '../../shared/schema/refusals.ts';

/**
 * What a refused write was about, as a packer or lead knows it: the order's number, the
 * shipment's tracking number (and its order's), a product's SKU, a person's name. A refusal
 * reverts the station's copy to the server's (renderer/sync/conflicts.ts), so a shipped order
 * can show "ready" again; the Sync page has to say which order so someone can put it right.
 * `key` names the sentence under `subject.` in the sync namespace; `orderId` is the order page
 * the refusal links to (an order or a shipment's order), null when there is none.
 */
export type RefusalSubject = {
  key: 'order' | 'shipment' | 'shipmentOfOrder' | 'orderShipment' | 'product' | 'site' | 'staff' | 'customer' | 'movement' | 'movementOfOrder' | 'record';
  vars: Record<string, string>;
  orderId: string | null;
};

/** The refused document as the server kept it (JSON text, cut at 2 MB), or null when it cannot be read. */
export function refusedDocument(r: Pick<Refusal, 'document'>): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(r.document);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.fromEntries(Object.entries(parsed)) : null;
  } catch {
    return null;
  }
}

/** A non-empty string field of the document, trimmed; anything else (absent, a number, blank) is null. */
function text(doc: Record<string, unknown> | null, field: string): string | null {
  const v = doc?.[field];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/**
 * The order a refusal is about, to look its number up on this station: the order itself, a
 * shipment's order, or the order a stock movement shipped or returned. Null for anything else.
 */
export function refusalOrderId(r: Pick<Refusal, 'collectionName' | 'documentId' | 'document'>, doc = refusedDocument(r)): string | null {
  if (r.collectionName === 'orders') return r.documentId === '' ? null : r.documentId;
  if (r.collectionName === 'shipments' || r.collectionName === 'movements') return text(doc, 'orderId');
  return null;
}

/**
 * Describes a refusal from the document the station pushed. `orderNumbers` maps order ids to
 * numbers from this station's store: a shipment does not carry its order's number, and an order
 * whose pushed copy could not be read still has the server's copy here. The bare id is the last
 * resort, for a document with nothing a person would recognise.
 */
export function describeRefusal(r: Pick<Refusal, 'collectionName' | 'documentId' | 'document'>, orderNumbers: ReadonlyMap<string, string> = new Map()): RefusalSubject {
  const doc = refusedDocument(r);
  const orderId = refusalOrderId(r, doc);
  const known = orderId === null ? null : (orderNumbers.get(orderId) ?? null);
  const record: RefusalSubject = { key: 'record', vars: { id: r.documentId }, orderId: null };
  switch (r.collectionName) {
    case 'orders': {
      const number = text(doc, 'number') ?? known;
      return number === null ? { ...record, orderId } : { key: 'order', vars: { number }, orderId };
    }
    case 'shipments': {
      const tracking = text(doc, 'trackingNumber');
      if (tracking === null) return known === null ? { ...record, orderId } : { key: 'orderShipment', vars: { number: known }, orderId };
      return known === null ? { key: 'shipment', vars: { tracking }, orderId } : { key: 'shipmentOfOrder', vars: { tracking, number: known }, orderId };
    }
    case 'products':
      return named('product', { sku: text(doc, 'sku'), name: text(doc, 'name') }, record);
    case 'sites':
      return named('site', { code: text(doc, 'code'), name: text(doc, 'name') }, record);
    case 'movements': {
      const sku = text(doc, 'sku');
      if (sku === null) return { ...record, orderId };
      return known === null ? { key: 'movement', vars: { sku }, orderId } : { key: 'movementOfOrder', vars: { sku, number: known }, orderId };
    }
    case 'staff':
    case 'customers': {
      const name = text(doc, 'name');
      return name === null ? record : { key: r.collectionName === 'staff' ? 'staff' : 'customer', vars: { name }, orderId: null };
    }
    default:
      return record;
  }
}

/**
 * A product or site is known by its code first (what is printed on shelves and labels), with its
 * name beside it; either alone will do.
 */
function named(key: 'product' | 'site', fields: { sku?: string | null; code?: string | null; name: string | null }, record: RefusalSubject): RefusalSubject {
  const code = fields.sku ?? fields.code ?? null;
  if (code === null && fields.name === null) return record;
  const label = code === null ? (fields.name ?? '') : fields.name === null ? code : `${code} (${fields.name})`;
  return { key, vars: { label }, orderId: null };
}

/** The subject as the Sync page says it, in the station's language. */
export function refusalSubjectText(t: TFunction<'sync'>, s: RefusalSubject): string {
  return t(`subject.${s.key}`, s.vars);
}
