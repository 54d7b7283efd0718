import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { api, enrolStation, makeSite, personToken, startTestServer, type TestServer } from '../support/server.ts';

/** Managers list their site's stations and cut off a lost one. */
describe.each(testBackends())('stations: list and revoke on %s', (backend) => {
  let server: TestServer;
  let siteA: string;
  let siteB: string;
  let managerA: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, seed: 'none' });
    siteA = (await makeSite(server, 'DA')).siteId;
    siteB = (await makeSite(server, 'DB')).siteId;
    managerA = await personToken(server, 'manager', siteA);
  });
  afterAll(() => server.stop());

  const pullOrders = (token: string) => api(server, 'GET', '/api/v1/sync/orders/pull?limit=1', { token });
  const revoke = (token: string, deviceId: string) => api(server, 'DELETE', `/api/v1/devices/${deviceId}`, { token });

  it("lists a site's stations to its manager, and every station to an admin", async () => {
    const a = await enrolStation(server, siteA, 'Pack A');
    const b = await enrolStation(server, siteB, 'Pack B');
    const mine = await api(server, 'GET', '/api/v1/devices', { token: managerA });
    expect(mine.status).toBe(200);
    const ids = (r: typeof mine): string[] => r.body.devices.map((d: { deviceId: string }) => d.deviceId);
    expect(ids(mine)).toContain(a.deviceId);
    expect(ids(mine)).not.toContain(b.deviceId);
    expect(mine.body.devices.find((d: { deviceId: string }) => d.deviceId === a.deviceId)).toMatchObject({ siteId: siteA, name: 'Pack A', stationNo: expect.any(Number), revokedAt: null });
    expect((await api(server, 'GET', `/api/v1/devices?siteId=${siteB}`, { token: managerA })).status).toBe(403);
    const all = await api(server, 'GET', '/api/v1/devices', { token: server.adminToken });
    expect(ids(all)).toEqual(expect.arrayContaining([a.deviceId, b.deviceId]));
    expect(ids(await api(server, 'GET', `/api/v1/devices?siteId=${siteB}`, { token: server.adminToken }))).toEqual([b.deviceId]);
    expect((await api(server, 'GET', '/api/v1/devices', { token: a.token })).status).toBe(403);
  });

  it("gives every station and person its site's station names, revoked ones too, and an admin every site's", async () => {
    const here = await enrolStation(server, siteA, 'Names here');
    const gone = await enrolStation(server, siteA, 'Names gone');
    const there = await enrolStation(server, siteB, 'Names there');
    expect((await revoke(managerA, gone.deviceId)).status).toBe(200);
    const packer = await personToken(server, 'packer', siteA);
    type Named = { deviceId: string; siteId: string; name: string; stationNo: number };
    const names = async (token: string): Promise<Named[]> => {
      const res = await api(server, 'GET', '/api/v1/stations', { token });
      expect(res.status).toBe(200);
      return res.body.stations;
    };
    for (const token of [here.token, packer, managerA]) {
      const seen = await names(token);
      expect(seen.find((s) => s.deviceId === gone.deviceId)).toEqual({ deviceId: gone.deviceId, siteId: siteA, name: 'Names gone', stationNo: expect.any(Number) });
      expect(seen.some((s) => s.deviceId === here.deviceId)).toBe(true);
      expect(seen.every((s) => s.siteId === siteA)).toBe(true);
    }
    expect((await names(server.adminToken)).map((s) => s.deviceId)).toEqual(expect.arrayContaining([here.deviceId, there.deviceId]));
    expect((await api(server, 'GET', '/api/v1/stations', {})).status).toBe(401);
    // A revoked station's own token reads nothing.
    expect((await api(server, 'GET', '/api/v1/stations', { token: gone.token })).status).toBe(401);
  });

  it('revokes a station: its token stops working at once, and saying it again changes nothing', async () => {
    const lost = await enrolStation(server, siteA, 'Lost');
    const kept = await enrolStation(server, siteA, 'Kept');
    expect((await pullOrders(lost.token)).status).toBe(200);
    const first = await revoke(managerA, lost.deviceId);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ deviceId: lost.deviceId, revokedAt: expect.any(String) });
    const refused = await pullOrders(lost.token);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('unknown or revoked token');
    // The other station of the site carries on.
    expect((await pullOrders(kept.token)).status).toBe(200);
    const again = await revoke(managerA, lost.deviceId);
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
    const listed = await api(server, 'GET', '/api/v1/devices', { token: managerA });
    expect(listed.body.devices.find((d: { deviceId: string }) => d.deviceId === lost.deviceId)?.revokedAt).toBe(first.body.revokedAt);
  });

  it("a revoked station's unused enrolment code no longer works", async () => {
    const created = await api(server, 'POST', '/api/v1/devices', { token: managerA, body: { siteId: siteA, name: 'Never set up' } });
    expect((await revoke(managerA, created.body.deviceId)).status).toBe(200);
    const enrol = await api(server, 'POST', '/api/v1/enrol', { body: { code: created.body.enrolmentCode } });
    expect(enrol.status).toBe(403);
    expect(enrol.body.message).toBe('this station has been revoked');
  });

  it("refuses another site's manager, stations and packers, unknown stations and bad ids, and revokes nothing", async () => {
    const b = await enrolStation(server, siteB, 'Pack B2');
    expect((await revoke(managerA, b.deviceId)).status).toBe(403);
    expect((await revoke(b.token, b.deviceId)).status).toBe(403);
    expect((await revoke(await personToken(server, 'packer', siteB), b.deviceId)).status).toBe(403);
    expect((await revoke(managerA, 'no-such-station')).status).toBe(404);
    expect((await revoke(managerA, 'bad%20id')).status).toBe(400);
    expect((await pullOrders(b.token)).status).toBe(200);
  });
});
