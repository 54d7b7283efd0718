import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import type { Principal } from '../../shared/sync/scope.ts';
import { createDevice } from '../auth/routes.ts';
import { PUBLIC_ROUTES } from '../auth/guard.ts';
import { ADMIN_PRINCIPAL, type TokenStore } from '../auth/tokens.ts';
import { bodyParser } from '../body.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../errors.ts';

export const DEMO_SESSION_ROUTE = `${API_PREFIX}/demo/session`;

const parseDemo = bodyParser(
  Type.Object(
    { as: Type.Union([Type.Literal('station'), Type.Literal('manager')]), siteCode: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{2,8}$' })) },
    { additionalProperties: false },
  ),
);

type SiteRow = { id: string; code: string };

/**
 * "Start the demo" without a manager at hand: anyone may get a station of a demo site, or an
 * all-sites manager token. Registered ONLY on a server seeded with demo data (`--demo` or
 * PACKLINE_SEED=demo), where every record is fake; never on a real deployment.
 */
export function demoRoutes(app: FastifyInstance, db: Db, tokens: TokenStore): void {
  PUBLIC_ROUTES.add(DEMO_SESSION_ROUTE);
  app.post(DEMO_SESSION_ROUTE, { config: { rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const body = parseDemo(request.body);
    const sites = await db.query<SiteRow>(`SELECT id, doc->>'code' AS code FROM documents WHERE collection = 'sites' AND NOT deleted ORDER BY doc->>'code'`);
    const site = body.siteCode === undefined ? sites[0] : sites.find((s) => s.code === body.siteCode);
    if (site === undefined) throw new HttpError(400, body.siteCode === undefined ? 'the demo has no sites yet' : `no demo site ${body.siteCode}`);

    if (body.as === 'station') {
      const device = await createDevice(db, ADMIN_PRINCIPAL, site.id, `Demo station ${site.code}`);
      // The code is claimed here at once: the demo skips the step of typing it at the station.
      await db.query(`UPDATE enrolments SET used_at = now() WHERE device_id = $1`, [device.deviceId]);
      const principal: Principal = { kind: 'device', id: device.deviceId, siteId: site.id, name: device.name };
      const token = await tokens.issue(db.kysely, principal);
      return reply.code(201).send({ kind: 'station', token, deviceId: device.deviceId, siteId: site.id, siteCode: site.code, name: device.name, stationNo: device.stationNo });
    }
    const person: Principal = { kind: 'person', id: uuidv7(), role: 'manager', siteId: null, name: 'Demo manager' };
    const token = await tokens.issue(db.kysely, person);
    // siteId/siteCode: the site whose screens the manager opens first; the token covers all sites.
    return reply.code(201).send({ kind: 'person', token, personId: person.id, siteId: site.id, siteCode: site.code, name: person.name, role: person.role });
  });
}
