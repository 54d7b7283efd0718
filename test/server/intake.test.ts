import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, enrolStation, makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';
import { checkerFor } from '../../server/sync/validate.ts';
import { product, pullAll, push, row } from './helpers.ts';

const body = (siteId: string, externalId: string, overrides: Record<string, unknown> = {}) => ({
  channel: 'shopify',
  externalId,
  siteId,
  customer: { name: 'Grace Hopper', email: 'grace@example.com' },
  currency: 'EUR',
  lines: [{ sku: 'INT-MUG', quantity: 2, unitPrice: 1250 }, { sku: 'INT-TEA', quantity: 1, unitPrice: 690 }],
  shippingAddress: { name: 'Grace Hopper', line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  shippingMethod: 'express',
  payment: { method: 'card', amount: 3190, captured: true },
  ...overrides,
});

describe.each(testBackends())('order intake on %s', (backend) => {
  let server: TestServer;
  let siteId: string;
  let otherSite: string;
  let cs: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    siteId = (await makeSite(server, 'IN')).siteId;
    otherSite = (await makeSite(server, 'OUT')).siteId;
    await push(server, server.adminToken, 'products', [row(product('INT-MUG')), row(product('INT-TEA'))]);
    cs = await personToken(server, 'customer_service', null);
  });
  afterAll(() => server.stop());

  const intake = (token: string, b: unknown) => api(server, 'POST', '/api/v1/orders', { token, body: b });

  it('creates the order once (201), then answers repeats with the same order (200)', async () => {
    const first = await intake(cs, body(siteId, 'ext-1'));
    expect(first).toMatchObject({ status: 201, body: { orderId: expect.any(String), number: expect.stringMatching(/^PL-\d+$/), created: true } });
    const again = await intake(cs, body(siteId, 'ext-1'));
    expect(again).toMatchObject({ status: 200, body: { orderId: first.body.orderId, number: first.body.number, created: false } });
    const rows = await server.query<{ doc: string }>(`SELECT doc::text AS doc FROM documents WHERE collection = 'orders' AND doc->>'externalId' = 'ext-1'`);
    expect(rows).toHaveLength(1);
    const order: unknown = JSON.parse(rows[0]?.doc ?? '{}');
    expect(checkerFor('orders').check(order)).toBe(true);
    expect(order).toMatchObject({
      id: first.body.orderId, siteId, status: 'ready', paymentStatus: 'captured', channel: 'shopify', customerName: 'Grace Hopper',
      lines: [{ lineId: 'L1', sku: 'INT-MUG', name: 'Blue mug', quantity: 2, unitPrice: 1250 }, { lineId: 'L2', sku: 'INT-TEA' }],
      events: [{ type: 'created' }, { type: 'allocated' }, { type: 'payment_authorized', amount: 3190 }, { type: 'payment_captured', amount: 3190 }],
    });
    const customers = await server.query(`SELECT 1 FROM documents WHERE collection = 'customers' AND doc->>'email' = 'grace@example.com'`);
    expect(customers).toHaveLength(1);
  });

  it('replicates the new order to the station of its site', async () => {
    const station = await enrolStation(server, siteId);
    const created = await intake(cs, body(siteId, 'ext-2', { payment: undefined }));
    const { docs } = await pullAll(server, station.token, 'orders', 100);
    expect(docs.find((d) => d.id === created.body.orderId)).toMatchObject({ paymentStatus: 'unpaid', _deleted: false });
  });

  it('settles concurrent duplicates on one order', async () => {
    const results = await Promise.all([1, 2, 3].map(() => intake(cs, body(siteId, 'ext-race'))));
    expect(results.map((r) => r.status).sort((a, b) => a - b)).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.orderId)).size).toBe(1);
    const rows = await server.query(`SELECT 1 FROM documents WHERE collection = 'orders' AND doc->>'externalId' = 'ext-race'`);
    expect(rows).toHaveLength(1);
  });

  it('answers bad input with 400 and one detail per field', async () => {
    const res = await intake(cs, body(siteId, 'ext-bad', { customer: { name: 'X' }, lines: [{ sku: 'INT-MUG', quantity: 0, unitPrice: 1 }], currency: 'euro' }));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([
      { path: '/customer/email', message: 'is required' },
      expect.objectContaining({ path: '/lines/0/quantity' }),
      expect.objectContaining({ path: '/currency' }),
    ]));
    expect((await intake(cs, '[1]')).status).toBe(400);
  });

  it('names an unknown sku', async () => {
    const res = await intake(cs, body(siteId, 'ext-sku', { lines: [{ sku: 'INT-MUG', quantity: 1, unitPrice: 1 }, { sku: 'NOPE-1', quantity: 1, unitPrice: 1 }] }));
    expect(res).toMatchObject({ status: 400, body: { message: expect.stringMatching(/NOPE-1/), details: [{ path: '/lines/1/sku', message: 'unknown sku "NOPE-1"' }] } });
    expect(await server.query(`SELECT 1 FROM order_intake WHERE external_id = 'ext-sku'`)).toEqual([]);
  });

  it('is for customer service, managers and admins, each within their sites', async () => {
    const station = await enrolStation(server, siteId);
    expect((await intake(station.token, body(siteId, 'ext-403'))).status).toBe(403);
    expect((await intake(await personToken(server, 'packer', siteId), body(siteId, 'ext-403'))).status).toBe(403);
    const csOther = await personToken(server, 'customer_service', otherSite);
    expect((await intake(csOther, body(siteId, 'ext-403'))).status).toBe(403);
    expect((await intake(await personToken(server, 'manager', siteId), body(siteId, 'ext-mgr'))).status).toBe(201);
    expect((await intake(cs, body('no-such-site', 'ext-nosite'))).status).toBe(400);
  });
});
