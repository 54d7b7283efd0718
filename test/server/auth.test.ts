import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, enrolStation, makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testBackends())('auth and enrolment on %s', (backend) => {
  let server: TestServer;
  let siteA: string;
  let siteB: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    siteA = (await makeSite(server, 'AA')).siteId;
    siteB = (await makeSite(server, 'BB')).siteId;
  });
  afterAll(() => server.stop());

  const newDevice = async (token: string, siteId: string) => api(server, 'POST', '/api/v1/devices', { token, body: { siteId, name: 'Pack 1' } });

  it('creates a station with a one-time code that works exactly once', async () => {
    const created = await newDevice(server.adminToken, siteA);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ deviceId: expect.any(String), siteId: siteA, name: 'Pack 1', enrolmentCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/) });
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    // Typed by a person: case and spacing do not matter.
    const typed = String(created.body.enrolmentCode).toLowerCase().replaceAll('-', ' ');
    const enrolled = await api(server, 'POST', '/api/v1/enrol', { body: { code: typed } });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toEqual({ token: expect.any(String), deviceId: created.body.deviceId, siteId: siteA, name: 'Pack 1', stationNo: created.body.stationNo });
    const me = await api(server, 'GET', '/api/v1/me', { token: enrolled.body.token });
    expect(me.body).toEqual({ kind: 'device', id: created.body.deviceId, siteId: siteA, name: 'Pack 1', stationNo: created.body.stationNo });
    const again = await api(server, 'POST', '/api/v1/enrol', { body: { code: created.body.enrolmentCode } });
    expect(again).toMatchObject({ status: 409, body: { message: expect.stringMatching(/already been used/) } });
  });

  it('refuses unknown and expired codes', async () => {
    expect((await api(server, 'POST', '/api/v1/enrol', { body: { code: 'ZZZZ-ZZZZ-ZZZZ' } })).status).toBe(401);
    expect((await api(server, 'POST', '/api/v1/enrol', { body: {} })).status).toBe(400);
    const created = await newDevice(server.adminToken, siteA);
    await server.query(`UPDATE enrolments SET expires_at = now() - interval '1 minute' WHERE device_id = $1`, [created.body.deviceId]);
    const res = await api(server, 'POST', '/api/v1/enrol', { body: { code: created.body.enrolmentCode } });
    expect(res).toMatchObject({ status: 410, body: { message: expect.stringMatching(/expired/) } });
  });

  it('lets managers create stations only for their own site, and only sites that exist', async () => {
    const managerA = await personToken(server, 'manager', siteA);
    expect((await newDevice(managerA, siteA)).status).toBe(201);
    expect((await newDevice(managerA, siteB)).status).toBe(403);
    expect((await newDevice(await personToken(server, 'packer', siteA), siteA)).status).toBe(403);
    const station = await enrolStation(server, siteA);
    expect((await newDevice(station.token, siteA)).status).toBe(403);
    const unknown = await newDevice(server.adminToken, 'no-such-site');
    expect(unknown).toMatchObject({ status: 400, body: { message: expect.stringMatching(/unknown site/) } });
  });

  it('issues person tokens to admins only, with validated fields', async () => {
    const manager = await personToken(server, 'manager', null);
    expect((await api(server, 'POST', '/api/v1/people', { token: manager, body: { name: 'X', role: 'admin', siteId: null } })).status).toBe(403);
    const bad = await api(server, 'POST', '/api/v1/people', { token: server.adminToken, body: { name: '', role: 'boss', siteId: null } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/role' }), expect.objectContaining({ path: '/name' })]));
    const made = await api(server, 'POST', '/api/v1/people', { token: server.adminToken, body: { name: 'Cas', role: 'customer_service', siteId: siteB } });
    expect(made.status).toBe(201);
    const me = await api(server, 'GET', '/api/v1/me', { token: made.body.token });
    expect(me.body).toEqual({ kind: 'person', id: made.body.personId, role: 'customer_service', siteId: siteB, name: 'Cas' });
  });

  it('stores tokens only as hashes and honours revocation', async () => {
    const token = await personToken(server, 'lead', siteA);
    const stored = await server.query<{ token_hash: string }>('SELECT token_hash FROM tokens');
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    const fresh = await personToken(server, 'packer', siteA);
    await server.query(`UPDATE tokens SET revoked_at = now() WHERE name = 'Test packer'`);
    expect((await api(server, 'GET', '/api/v1/me', { token: fresh })).status).toBe(401);
  });

  it('requires a token everywhere but /healthz and enrolment', async () => {
    for (const path of ['/api/v1/me', '/api/v1/refusals', '/api/v1/sync/orders/pull']) {
      const res = await api(server, 'GET', path);
      expect(res).toMatchObject({ status: 401, body: { statusCode: 401, message: expect.any(String) } });
    }
    expect((await api(server, 'POST', '/api/v1/orders', { body: {} })).status).toBe(401);
    expect((await api(server, 'GET', '/api/v1/me', { token: server.adminToken, headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});
