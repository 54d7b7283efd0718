import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, makeSite, startTestServer, type TestServer } from '../support/server.ts';

/** Station numbers are the station field of own-fleet tracking numbers: one per station, never shared. */
describe.each(testBackends())('station numbers on %s', (backend) => {
  let server: TestServer;
  let siteId: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, seed: 'none' });
    siteId = (await makeSite(server, 'SN')).siteId;
  });
  afterAll(() => server.stop());

  const newDevice = async (name: string) => api(server, 'POST', '/api/v1/devices', { token: server.adminToken, body: { siteId, name } });

  it('gives every new station its own number from 1 to 9999, and tells the station at enrolment and in /me', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => newDevice(`Pack ${i}`)));
    const numbers = created.map((c) => {
      expect(c.status).toBe(201);
      return c.body.stationNo;
    });
    expect(numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 9999)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);

    const first = created[0]?.body;
    const enrolled = await api(server, 'POST', '/api/v1/enrol', { body: { code: first.enrolmentCode } });
    expect(enrolled.body.stationNo).toBe(first.stationNo);
    const me = await api(server, 'GET', '/api/v1/me', { token: enrolled.body.token });
    expect(me.body).toMatchObject({ kind: 'device', id: first.deviceId, stationNo: first.stationNo });
  });

  it('says so, and creates nothing, once every number is taken', async () => {
    const before = await server.query<{ n: number }>('SELECT count(*)::int AS n FROM devices');
    await server.query(`SELECT setval('device_station_no_seq', 9999)`);
    const refused = await newDevice('One too many');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/all 9,999 station numbers/);
    const after = await server.query<{ n: number }>('SELECT count(*)::int AS n FROM devices');
    expect(after[0]?.n).toBe(before[0]?.n);
    const enrolments = await server.query<{ n: number }>(`SELECT count(*)::int AS n FROM enrolments e LEFT JOIN devices d ON d.id = e.device_id WHERE d.id IS NULL`);
    expect(enrolments[0]?.n).toBe(0);
  });
});
