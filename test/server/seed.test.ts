import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidGtin } from '../../shared/barcodes/gtin.ts';
import { isCollectionName, type CollectionName, type DocOf } from '../../shared/schema/collections.ts';
import { checkerFor } from '../../server/sync/validate.ts';
import { testBackends } from '../support/backends.ts';
import { api, enrolStation, startTestServer, type TestServer } from '../support/server.ts';
import { pull } from './helpers.ts';

type Row = { collection: string; doc: string; site_id: string | null };

describe.each(testBackends())('demo seed on %s', (backend) => {
  let server: TestServer;
  let rows: Row[];
  function docs<C extends CollectionName>(collection: C): DocOf<C>[] {
    const checker = checkerFor(collection);
    return rows
      .filter((r) => r.collection === collection)
      .map((r) => {
        const doc: unknown = JSON.parse(r.doc);
        if (!checker.check(doc)) throw new Error(`${collection}: ${JSON.stringify(checker.errors(doc))}`);
        return doc;
      });
  }

  beforeAll(async () => {
    server = await startTestServer({ backend, seed: 'demo' });
    rows = await server.query<Row>('SELECT collection, doc::text AS doc, site_id FROM documents');
  });
  afterAll(() => server.stop());

  it('has three sites in three countries, 2,000 products with valid EAN-13s, 1,000 customers and 5,000 orders', () => {
    const sites = docs('sites');
    expect(sites.map((s) => s.country).sort((a, b) => a.localeCompare(b))).toEqual(['ES', 'GB', 'IT']);
    const products = docs('products');
    expect(products).toHaveLength(2000);
    for (const p of products) {
      expect(p.barcodes).toEqual([{ type: 'EAN13', value: expect.stringMatching(/^\d{13}$/) }]);
      expect(isValidGtin(p.barcodes[0]?.value ?? '')).toBe(true);
      expect(p.bins).toHaveLength(3);
    }
    expect(new Set(products.map((p) => p.sku)).size).toBe(2000);
    expect(docs('customers')).toHaveLength(1000);
    const orders = docs('orders');
    expect(orders).toHaveLength(5000);
    expect(new Set(orders.map((o) => o.siteId)).size).toBe(3);
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(8);
    expect(orders.some((o) => o.openExceptions > 0)).toBe(true);
  });

  it('has shipments for shipped orders, receipts for every product at every site, and staff with argon2id PINs', () => {
    const shipments = new Set(docs('shipments').map((s) => s.id));
    const shippedIds = docs('orders').flatMap((o) => o.events.flatMap((e) => (e.type === 'shipped' ? [e.shipmentId] : [])));
    expect(shippedIds.length).toBeGreaterThan(1000);
    for (const id of shippedIds) expect(shipments.has(id)).toBe(true);
    const movements = docs('movements');
    expect(movements).toHaveLength(6000);
    expect(movements.every((m) => m.kind === 'receipt' && m.quantity > 0)).toBe(true);
    const staff = docs('staff');
    expect(staff.length).toBeGreaterThanOrEqual(9);
    expect(new Set(staff.map((s) => s.role))).toEqual(new Set(['packer', 'lead', 'manager']));
    expect(staff.every((s) => s.pinHash.startsWith('$argon2id$'))).toBe(true);
  });

  it('writes only schema-valid documents, with the site columns set', () => {
    for (const r of rows) {
      if (!isCollectionName(r.collection)) throw new Error(`unknown collection ${r.collection}`);
      const checker = checkerFor(r.collection);
      const doc: unknown = JSON.parse(r.doc);
      if (!checker.check(doc)) throw new Error(`${r.collection}: ${JSON.stringify(checker.errors(doc))}`);
      const siteId = typeof doc === 'object' && doc !== null && 'siteId' in doc ? doc.siteId : null;
      expect(r.site_id).toBe(['sites', 'products', 'customers'].includes(r.collection) ? null : siteId);
    }
  });

  it('names the stations its history was done at, and keeps their tracking numbers from stations enrolled later', async () => {
    const devices = await server.query<{ id: string; site_id: string; name: string; station_no: number }>('SELECT id, site_id, name, station_no FROM devices ORDER BY station_no');
    const sites = docs('sites');
    expect(devices).toHaveLength(sites.length * 3);
    const byId = new Map(devices.map((d) => [d.id, d]));
    // Every station the orders name is on record, at the order's site.
    for (const o of docs('orders')) {
      for (const e of o.events) {
        if (e.deviceId === 'storefront') continue;
        expect(byId.get(e.deviceId)?.site_id).toBe(o.siteId);
      }
    }
    expect(byId.get('station-mad-2')?.name).toBe('Pack 2');
    // The station numbers in seeded tracking numbers belong to seeded stations of that site.
    const seededNumbers = new Set(docs('shipments').map((s) => Number(s.trackingNumber.slice(2, 6))));
    for (const n of seededNumbers) expect(devices.find((d) => d.station_no === n)?.id).toMatch(/^station-[a-z]+-1$/);
    const mad = sites.find((s) => s.code === 'MAD');
    if (mad === undefined) throw new Error('no MAD');
    const fresh = await enrolStation(server, mad.id, 'New pack bench');
    const me = await api(server, 'GET', '/api/v1/me', { token: fresh.token });
    expect(seededNumbers.has(me.body.stationNo)).toBe(false);
    expect(me.body.stationNo).toBeGreaterThan(sites.length * 3);
  });

  it('serves it through pull and does not seed twice', async () => {
    const page = await pull(server, server.adminToken, 'orders', null, 1000);
    expect(page.body.documents).toHaveLength(1000);
    await server.restart();
    const [count] = await server.query<{ n: number }>('SELECT count(*) AS n FROM documents');
    const [stations] = await server.query<{ n: number }>('SELECT count(*) AS n FROM devices');
    expect(Number(stations?.n)).toBe(10);
    expect(count?.n).toBe(rows.length);
    const [seq] = await server.query<{ last_value: number }>('SELECT last_value FROM order_number_seq');
    expect(seq?.last_value).toBe(105_000);
  });
});
