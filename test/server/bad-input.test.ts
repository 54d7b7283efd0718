import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, makeSite, startTestServer, type ApiResult, type TestServer } from '../support/server.ts';
import { newStation, order, push, row, snapshot } from './helpers.ts';

type Case = { name: string; status: number; message: RegExp; send: (server: TestServer, station: string) => Promise<ApiResult> };

const pushRaw = (server: TestServer, body: string, token?: string, contentType = 'application/json') =>
  api(server, 'POST', '/api/v1/sync/orders/push', { rawBody: body, headers: { 'content-type': contentType }, ...(token === undefined ? {} : { token }) });

/** Every case must be a 4xx with a JSON message and leave the documents table exactly as it was. */
const CASES: Case[] = [
  { name: 'malformed JSON', status: 400, message: /invalid JSON/, send: (s, t) => pushRaw(s, '[{"newDocumentState": ', t) },
  {
    name: 'a prototype-poisoning key', status: 400, message: /"__proto__" or "constructor\.prototype" key/,
    send: (s, t) => pushRaw(s, '[{"newDocumentState":{"id":"p1","priority":{"__proto__":{"polluted":true}}}}]', t),
  },
  { name: 'an empty JSON body', status: 400, message: /empty/, send: (s, t) => pushRaw(s, '', t) },
  { name: 'a body that is not an array', status: 400, message: /JSON array/, send: (s, t) => push(s, t, 'orders', { rows: [] }) },
  { name: 'JSON sent as text', status: 400, message: /JSON array/, send: (s, t) => pushRaw(s, '[]', t, 'text/plain') },
  { name: 'a row without newDocumentState', status: 400, message: /row 0: newDocumentState/, send: (s, t) => push(s, t, 'orders', [{ assumedMasterState: null }]) },
  { name: 'a document without a string id', status: 400, message: /id must be a string/, send: (s, t) => push(s, t, 'orders', [{ newDocumentState: { id: 42 } }]) },
  { name: 'a wrongly typed assumedMasterState', status: 400, message: /assumedMasterState/, send: (s, t) => push(s, t, 'orders', [{ newDocumentState: { id: 'x' }, assumedMasterState: 'nope' }]) },
  { name: 'unknown row fields', status: 400, message: /unknown field/, send: (s, t) => push(s, t, 'orders', [{ newDocumentState: { id: 'x' }, extra: 1 }]) },
  { name: 'an unknown collection', status: 404, message: /unknown collection/, send: (s, t) => push(s, t, 'nope', []) },
  {
    name: 'too many rows', status: 400, message: /too many rows/,
    send: (s, t) => push(s, t, 'orders', Array.from({ length: 1001 }, (_, i) => ({ newDocumentState: { id: `r${i}` } }))),
  },
  {
    name: 'an oversized body', status: 413, message: /larger than the limit/,
    send: (s, t) => push(s, t, 'orders', [{ newDocumentState: { id: 'big', pad: 'x'.repeat(70 * 1024) } }]),
  },
  { name: 'a missing token', status: 401, message: /missing bearer token/, send: (s) => pushRaw(s, '[]') },
  { name: 'an unknown token', status: 401, message: /unknown or revoked/, send: (s) => pushRaw(s, '[]', 'not-a-token') },
  { name: 'an unsupported content type', status: 415, message: /content type/, send: (s, t) => pushRaw(s, '[]', t, 'application/xml') },
  { name: 'a pull limit of 0', status: 400, message: /limit/, send: (s, t) => api(s, 'GET', '/api/v1/sync/orders/pull?limit=0', { token: t }) },
  { name: 'a pull limit over 1000', status: 400, message: /limit/, send: (s, t) => api(s, 'GET', '/api/v1/sync/orders/pull?limit=1001', { token: t }) },
  { name: 'a repeated pull limit', status: 400, message: /once/, send: (s, t) => api(s, 'GET', '/api/v1/sync/orders/pull?limit=1&limit=2', { token: t }) },
  { name: 'a checkpoint that is not JSON', status: 400, message: /checkpoint/, send: (s, t) => api(s, 'GET', '/api/v1/sync/orders/pull?checkpoint=%7Bbad', { token: t }) },
  {
    name: 'a checkpoint of the wrong shape', status: 400, message: /checkpoint/,
    send: (s, t) => api(s, 'GET', `/api/v1/sync/orders/pull?checkpoint=${encodeURIComponent('{"xid":1,"id":"a"}')}`, { token: t }),
  },
  {
    name: 'a checkpoint xid beyond xid8', status: 400, message: /checkpoint/,
    send: (s, t) => api(s, 'GET', `/api/v1/sync/orders/pull?checkpoint=${encodeURIComponent('{"xid":"99999999999999999999","id":""}')}`, { token: t }),
  },
  { name: 'a NUL character in a document', status: 400, message: /NUL/, send: (s, t) => push(s, t, 'orders', [{ newDocumentState: { id: 'nul', note: 'a\u0000b' } }]) },
  { name: 'half a surrogate pair', status: 400, message: /surrogate/, send: (s, t) => pushRaw(s, '[{"newDocumentState": {"id": "sur", "note": "a\\ud800b"}}]', t) },
  { name: 'a NUL character in the URL', status: 400, message: /NUL/, send: (s, t) => api(s, 'GET', '/api/v1/refusals?siteId=a%00b', { token: t }) },
  { name: 'an unknown route', status: 404, message: /no route/, send: (s, t) => api(s, 'GET', '/api/v1/nothing-here', { token: t }) },
];

describe.each(testBackends())('bad input on %s', (backend) => {
  let server: TestServer;
  let station: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, config: { bodyLimit: 64 * 1024 } });
    const { siteId } = await makeSite(server, 'BAD');
    const pack = await newStation(server, siteId);
    station = pack.token;
    const seeded = await push(server, station, 'orders', [row(order(pack))]);
    if (seeded.status !== 200 || (await snapshot(server)).every((r) => r.collection !== 'orders')) throw new Error('could not seed an order');
  });
  afterAll(() => server.stop());

  it.each(CASES)('refuses $name with $status and writes nothing', async ({ status, message, send }) => {
    const before = await snapshot(server);
    expect(before.length).toBeGreaterThan(0);
    const res = await send(server, station);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.stringMatching(message) });
    expect(await snapshot(server)).toEqual(before);
  });

  it('is healthy without a token', async () => {
    const res = await api(server, 'GET', '/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', db: backend } });
  });
});

describe('rate limits', () => {
  it('answers 429 with a message past the limit, and enrolment has its own stricter limit', async () => {
    const server = await startTestServer({ backend: 'pglite', config: { rateLimit: 3, enrolRateLimit: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await api(server, 'GET', '/api/v1/me', { token: server.adminToken })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const enrol: ApiResult[] = [];
      for (let i = 0; i < 3; i++) enrol.push(await api(server, 'POST', '/api/v1/enrol', { body: { code: 'AAAA-BBBB-CCCC' } }));
      expect(enrol.map((r) => r.status)).toEqual([401, 401, 429]);
      expect(enrol[2]?.body).toMatchObject({ statusCode: 429, message: expect.any(String) });
    } finally {
      await server.stop();
    }
  });
});
