import type { TFunction } from 'i18next';
import { namespaceT, type Lang } from '../support/i18n.ts';
import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../shared/schema/refusals.ts';
import { describeRefusal, refusalOrderId, refusalSubjectText } from '../../renderer/syncstatus/refusal-subject.ts';

const syncT = (lang: Lang): Promise<TFunction<'sync'>> => namespaceT(lang, 'sync');

/** A refusal as the server writes it (server/sync/push.ts): the pushed document as JSON text. */
function refusal(collectionName: string, documentId: string, doc: unknown): Pick<Refusal, 'collectionName' | 'documentId' | 'document'> {
  return { collectionName, documentId, document: typeof doc === 'string' ? doc : JSON.stringify(doc) };
}

const ORDER_ID = '0193a8f0-0000-7000-8000-000000000001';
const order = refusal('orders', ORDER_ID, { id: ORDER_ID, number: 'PL-100234', status: 'shipped', customerName: 'Ada Lovelace', lines: [{ name: 'Mug' }] });
const shipment = refusal('shipments', 'shp-1', { id: 'shp-1', orderId: ORDER_ID, trackingNumber: 'PLX0001000042', carrier: 'packline' });

describe('what a refused write was about', () => {
  it('names an order by its number and links to its page', () => {
    expect(describeRefusal(order)).toEqual({ key: 'order', vars: { number: 'PL-100234' }, orderId: ORDER_ID });
  });

  it('names a shipment by its tracking number, and its order by number when the station holds it', () => {
    expect(describeRefusal(shipment)).toEqual({ key: 'shipment', vars: { tracking: 'PLX0001000042' }, orderId: ORDER_ID });
    expect(describeRefusal(shipment, new Map([[ORDER_ID, 'PL-100234']]))).toEqual({
      key: 'shipmentOfOrder',
      vars: { tracking: 'PLX0001000042', number: 'PL-100234' },
      orderId: ORDER_ID,
    });
    expect(refusalOrderId(shipment)).toBe(ORDER_ID);
  });

  it('falls back on the order on this station when the pushed copy cannot be read (cut at 2 MB)', () => {
    const cut = refusal('orders', ORDER_ID, JSON.stringify({ id: ORDER_ID, number: 'PL-100234' }).slice(0, 30));
    expect(describeRefusal(cut, new Map([[ORDER_ID, 'PL-100234']]))).toEqual({ key: 'order', vars: { number: 'PL-100234' }, orderId: ORDER_ID });
    // Nothing better known: the id, still linked to the order page.
    expect(describeRefusal(cut)).toEqual({ key: 'record', vars: { id: ORDER_ID }, orderId: ORDER_ID });
    const noTracking = refusal('shipments', 'shp-2', { id: 'shp-2', orderId: ORDER_ID, trackingNumber: ' ' });
    expect(describeRefusal(noTracking, new Map([[ORDER_ID, 'PL-7']]))).toEqual({ key: 'orderShipment', vars: { number: 'PL-7' }, orderId: ORDER_ID });
  });

  it('names other records by their most human field, and by id only when they have none', () => {
    expect(describeRefusal(refusal('products', 'p1', { id: 'p1', sku: 'MUG-01', name: 'Blue mug' }))).toEqual({ key: 'product', vars: { label: 'MUG-01 (Blue mug)' }, orderId: null });
    expect(describeRefusal(refusal('products', 'p2', { id: 'p2', name: 'Blue mug' })).vars).toEqual({ label: 'Blue mug' });
    expect(describeRefusal(refusal('sites', 's1', { id: 's1', code: 'MIL', name: 'Milano' })).vars).toEqual({ label: 'MIL (Milano)' });
    expect(describeRefusal(refusal('staff', 'st1', { id: 'st1', name: 'Luca Bianchi', badgeCode: 'B-MIL-001' }))).toMatchObject({ key: 'staff', vars: { name: 'Luca Bianchi' } });
    expect(describeRefusal(refusal('customers', 'c1', { id: 'c1', name: 'Ada Lovelace' }))).toMatchObject({ key: 'customer', vars: { name: 'Ada Lovelace' } });
    expect(describeRefusal(refusal('movements', 'm0', { id: 'm0', sku: 'MUG-01', quantity: 5, kind: 'receipt' }))).toEqual({ key: 'movement', vars: { sku: 'MUG-01' }, orderId: null });
    // A movement that shipped an order names it, and opens it.
    const shippedStock = refusal('movements', 'm1', { id: 'm1', sku: 'MUG-01', quantity: -1, orderId: ORDER_ID });
    expect(refusalOrderId(shippedStock)).toBe(ORDER_ID);
    expect(describeRefusal(shippedStock)).toEqual({ key: 'movement', vars: { sku: 'MUG-01' }, orderId: ORDER_ID });
    expect(describeRefusal(shippedStock, new Map([[ORDER_ID, 'PL-100234']]))).toEqual({ key: 'movementOfOrder', vars: { sku: 'MUG-01', number: 'PL-100234' }, orderId: ORDER_ID });
    expect(describeRefusal(refusal('movements', 'm2', { id: 'm2', sku: 42 }))).toEqual({ key: 'record', vars: { id: 'm2' }, orderId: null });
    expect(describeRefusal(refusal('gadgets', 'g1', { id: 'g1', name: 'x' }))).toEqual({ key: 'record', vars: { id: 'g1' }, orderId: null });
    expect(describeRefusal(refusal('products', 'p3', '[1,2]'))).toEqual({ key: 'record', vars: { id: 'p3' }, orderId: null });
  });

  it('says it in the station’s language', async () => {
    const [en, es, it_] = await Promise.all([syncT('en'), syncT('es'), syncT('it')]);
    const both = describeRefusal(shipment, new Map([[ORDER_ID, 'PL-100234']]));
    expect(refusalSubjectText(en, describeRefusal(order))).toBe('Order PL-100234');
    expect(refusalSubjectText(en, both)).toBe('Shipment PLX0001000042 of order PL-100234');
    expect(refusalSubjectText(es, both)).toBe('Envío PLX0001000042 del pedido PL-100234');
    expect(refusalSubjectText(it_, both)).toBe('Spedizione PLX0001000042 dell’ordine PL-100234');
    expect(refusalSubjectText(es, describeRefusal(refusal('products', 'p1', { sku: 'MUG-01' })))).toBe('Producto MUG-01');
    expect(refusalSubjectText(en, describeRefusal(refusal('gadgets', 'g1', {})))).toBe('Record g1');
    // Every kind has its sentence in every language.
    for (const t of [en, es, it_]) {
      for (const key of ['order', 'shipment', 'shipmentOfOrder', 'orderShipment', 'product', 'site', 'staff', 'customer', 'movement', 'movementOfOrder', 'record'] as const) {
        expect(refusalSubjectText(t, { key, vars: {}, orderId: null })).not.toContain('subject.');
      }
    }
  });
});
