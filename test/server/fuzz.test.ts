import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, makeSite, startTestServer, type TestServer } from '../support/server.ts';
import { newStation, order, push, row, type Author, type Station } from './helpers.ts';

/** A valid order with one field replaced by an arbitrary JSON value, or removed. */
const mutatedOrder = (by: Author) =>
  fc.tuple(fc.constantFrom('id', 'number', 'lines', 'events', 'status', 'siteId', 'priority', 'shippingAddress', 'hlc', 'extra'), fc.option(fc.jsonValue({ stringUnit: 'binary' }))).map(
    ([key, value]) => {
      const o: Record<string, unknown> = { ...order(by) };
      if (value === null) delete o[key];
      else o[key] = value;
      return o;
    },
  );

/** Every property runs from one seed, printed so a failure can be run again (FC_SEED=…). */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fuzz: fast-check seed ${seed} (FC_SEED=${seed} to repeat)`);

describe.each(testBackends())('arbitrary input on %s', (backend) => {
  let server: TestServer;
  let station: Station;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const { siteId } = await makeSite(server, 'FZ');
    station = await newStation(server, siteId);
  });
  afterAll(() => server.stop());

  it('never answers a push body with a 5xx', async () => {
    await fc.assert(
      // 'binary' strings include NUL and lone surrogates, which PostgreSQL cannot store.
      fc.asyncProperty(fc.oneof(fc.json(), fc.json({ stringUnit: 'binary' }), fc.string({ unit: 'binary' })), async (text) => {
        const res = await api(server, 'POST', '/api/v1/sync/orders/push', { token: station.token, rawBody: text });
        expect(res.status).toBeLessThan(500);
        const wellFormed = res.status === 200 ? Array.isArray(res.body) : typeof res.body?.message === 'string';
        expect(wellFormed).toBe(true);
      }),
      { numRuns: 60, seed },
    );
  });

  it('answers mutated documents with 200: each is written or refused on its own, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutatedOrder(station), { minLength: 1, maxLength: 5 }), async (docs) => {
        const rows = docs.filter((d) => typeof d.id === 'string' && d.id !== '' && d.id.length <= 200).map((d) => row(d));
        const res = await push(server, station.token, 'orders', rows);
        // 400 only for text PostgreSQL cannot store (NUL, lone surrogates) and for prototype-
        // poisoning keys ("__proto__"): refused as a whole, saying why.
        expect(res.status === 200 || (res.status === 400 && /cannot be stored|"__proto__"/.test(String(res.body.message)))).toBe(true);
      }),
      { numRuns: 40, seed },
    );
  });

  it('never answers a pull query with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.string(), async (checkpoint, limit) => {
        // URLSearchParams, unlike encodeURIComponent, accepts lone surrogates (as U+FFFD).
        const q = new URLSearchParams({ checkpoint, limit }).toString();
        const res = await api(server, 'GET', `/api/v1/sync/orders/pull?${q}`, { token: station.token });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60, seed },
    );
    // A well-formed page still comes back afterwards.
    expect((await push(server, station.token, 'orders', [row(order(station))])).status).toBe(200);
  });
});
