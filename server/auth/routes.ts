import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { Id, StaffRole } from '../../shared/schema/common.ts';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import type { Principal } from '../../shared/sync/scope.ts';
import { bodyParser } from '../body.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../errors.ts';
import { queryField } from '../sync/envelope.ts';
import { holderOf, type SyncHub } from '../sync/hub.ts';
import { principalOf, requirePerson, requireSiteAccess, siteFilter } from './guard.ts';
import { sha256, type TokenStore } from './tokens.ts';

const ENROLMENT_TTL_MS = 24 * 60 * 60 * 1000;
/** No 0/O, 1/I/L or U: codes are read off a screen and typed at a station. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export function newEnrolmentCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Case, dashes and spaces do not matter when a person types the code. */
export function enrolmentCodeHash(code: string): string {
  return sha256(`enrol:${code.toUpperCase().replace(/[^A-Z0-9]/g, '')}`);
}

const Name = Type.String({ minLength: 1, maxLength: 100 });
const parseDevice = bodyParser(Type.Object({ siteId: Id, name: Name }, { additionalProperties: false }));
const parseEnrol = bodyParser(Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }));
const parsePerson = bodyParser(Type.Object({ name: Name, role: StaffRole, siteId: Type.Union([Id, Type.Null()]) }, { additionalProperties: false }));

export async function siteExists(db: Db, siteId: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM documents WHERE collection = 'sites' AND id = ${siteId} AND NOT deleted`.execute(db.kysely);
  return rows.length > 0;
}

/** Creates a station of a site and a one-time enrolment code for it (stored only as a hash). */
export async function createDevice(db: Db, createdBy: Principal, siteId: string, name: string) {
  const deviceId = uuidv7();
  const code = newEnrolmentCode();
  const expiresAt = new Date(Date.now() + ENROLMENT_TTL_MS);
  const stationNo = await db.kysely.transaction().execute(async (trx) => {
    const device = await trx
      .insertInto('devices')
      .values({ id: deviceId, site_id: siteId, name, created_by: `${createdBy.kind}:${createdBy.id}`, revoked_at: null })
      .returning('station_no')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        // 2200H: the sequence of station numbers (1..9999) is used up.
        if (err instanceof Error && 'code' in err && err.code === '2200H') {
          throw new HttpError(409, 'this server has handed out all 9,999 station numbers: no new station can be created');
        }
        throw err;
      });
    await trx.insertInto('enrolments').values({ code_hash: enrolmentCodeHash(code), device_id: deviceId, expires_at: expiresAt, used_at: null }).execute();
    return device.station_no;
  });
  return { deviceId, siteId, name, stationNo, enrolmentCode: code, expiresAt: expiresAt.toISOString() };
}

export function authRoutes(app: FastifyInstance, db: Db, tokens: TokenStore, hub: SyncHub, enrolRateLimit: number): void {
  // A station also learns its number (the station field of its tracking numbers).
  app.get(`${API_PREFIX}/me`, async (request) => {
    const p = principalOf(request);
    if (p.kind !== 'device') return p;
    const device = await db.kysely.selectFrom('devices').select('station_no').where('id', '=', p.id).executeTakeFirst();
    return device === undefined ? p : { ...p, stationNo: device.station_no };
  });

  app.post(`${API_PREFIX}/devices`, async (request, reply) => {
    const p = requirePerson(request, ['manager', 'admin']);
    const body = parseDevice(request.body);
    requireSiteAccess(p, body.siteId);
    if (!(await siteExists(db, body.siteId))) throw new HttpError(400, `unknown site ${body.siteId}: create the site first`);
    return reply.code(201).send(await createDevice(db, p, body.siteId, body.name));
  });

  /** A manager's list of their site's stations (an admin's: all, or `?siteId=`), newest first. */
  app.get(`${API_PREFIX}/devices`, async (request) => {
    const p = requirePerson(request, ['manager', 'admin']);
    const siteId = siteFilter(p, queryField(request, 'siteId'));
    let query = db.kysely.selectFrom('devices').select(['id', 'site_id', 'name', 'station_no', 'created_at', 'revoked_at']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(10_000);
    if (siteId !== null) query = query.where('site_id', '=', siteId);
    const rows = await query.execute();
    return {
      devices: rows.map((d) => ({
        deviceId: d.id,
        siteId: d.site_id,
        name: d.name,
        stationNo: d.station_no,
        createdAt: new Date(d.created_at).toISOString(),
        revokedAt: d.revoked_at === null ? null : new Date(d.revoked_at).toISOString(),
      })),
    };
  });

  /**
   * The names of the stations a token may see, revoked ones included (their work stays in the
   * history): its own site's, or every site's for an all-sites person. Every station and person
   * may ask: the order timeline says at which station each thing was done.
   */
  app.get(`${API_PREFIX}/stations`, async (request) => {
    const p = principalOf(request);
    let query = db.kysely.selectFrom('devices').select(['id', 'site_id', 'name', 'station_no']).orderBy('site_id').orderBy('station_no').limit(10_000);
    if (p.siteId !== null) query = query.where('site_id', '=', p.siteId);
    const rows = await query.execute();
    return { stations: rows.map((d) => ({ deviceId: d.id, siteId: d.site_id, name: d.name, stationNo: d.station_no })) };
  });

  /**
   * Revokes a station (lost, stolen, replaced): its tokens stop working and its open event
   * streams end, at once in every server process, and its unused enrolment code stops working
   * with them. Repeating it is harmless and answers the first revocation's time.
   */
  app.delete(`${API_PREFIX}/devices/:deviceId`, async (request) => {
    const p = requirePerson(request, ['manager', 'admin']);
    const params: unknown = request.params;
    const deviceId = typeof params === 'object' && params !== null && 'deviceId' in params ? params.deviceId : undefined;
    if (typeof deviceId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(deviceId)) throw new HttpError(400, 'the device id must be 1 to 64 letters, digits, - or _');
    const revokedAt = await db.kysely.transaction().execute(async (trx) => {
      const device = await trx.selectFrom('devices').select(['site_id', 'revoked_at']).where('id', '=', deviceId).forUpdate().executeTakeFirst();
      if (device === undefined) throw new HttpError(404, `no station ${deviceId}`);
      requireSiteAccess(p, device.site_id);
      if (device.revoked_at !== null) return new Date(device.revoked_at);
      const now = new Date();
      await trx.updateTable('devices').set({ revoked_at: now }).where('id', '=', deviceId).execute();
      await trx.updateTable('tokens').set({ revoked_at: now }).where('kind', '=', 'device').where('principal_id', '=', deviceId).where('revoked_at', 'is', null).execute();
      return now;
    });
    // Ends its streams and, in every process (this one included), drops cached tokens.
    await hub.revoked(holderOf({ kind: 'device', id: deviceId }));
    request.log.info({ deviceId, by: `${p.kind}:${p.id}` }, 'station revoked');
    return { deviceId, revokedAt: revokedAt.toISOString() };
  });

  app.post(
    `${API_PREFIX}/enrol`,
    { config: { rateLimit: { max: enrolRateLimit, timeWindow: 60_000 } } },
    async (request) => {
      const { code } = parseEnrol(request.body);
      const hash = enrolmentCodeHash(code);
      return db.kysely.transaction().execute(async (trx) => {
        // Claimed atomically: two stations racing with one code cannot both get a token.
        const claimed = await sql<{ device_id: string }>`
          UPDATE enrolments SET used_at = now()
          WHERE code_hash = ${hash} AND used_at IS NULL AND expires_at > now()
          RETURNING device_id`.execute(trx);
        const deviceId = claimed.rows[0]?.device_id;
        if (deviceId === undefined) {
          const seen = await trx.selectFrom('enrolments').select(['used_at', 'expires_at']).where('code_hash', '=', hash).executeTakeFirst();
          if (seen === undefined) throw new HttpError(401, 'unknown enrolment code');
          if (seen.used_at !== null) throw new HttpError(409, 'this enrolment code has already been used: ask a manager for a new one');
          throw new HttpError(410, 'this enrolment code has expired: ask a manager for a new one');
        }
        const device = await trx.selectFrom('devices').select(['site_id', 'name', 'revoked_at', 'station_no']).where('id', '=', deviceId).executeTakeFirstOrThrow();
        if (device.revoked_at !== null) throw new HttpError(403, 'this station has been revoked');
        const token = await tokens.issue(trx, { kind: 'device', id: deviceId, siteId: device.site_id, name: device.name });
        return { token, deviceId, siteId: device.site_id, name: device.name, stationNo: device.station_no };
      });
    },
  );

  app.post(`${API_PREFIX}/people`, async (request, reply) => {
    requirePerson(request, ['admin']);
    const body = parsePerson(request.body);
    if (body.siteId !== null && !(await siteExists(db, body.siteId))) throw new HttpError(400, `unknown site ${body.siteId}`);
    const person: Principal = { kind: 'person', id: uuidv7(), role: body.role, siteId: body.siteId, name: body.name };
    const token = await tokens.issue(db.kysely, person);
    return reply.code(201).send({ token, personId: person.id, name: body.name, role: body.role, siteId: body.siteId });
  });
}
