import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createDevice } from '../auth/routes.ts';
import { ADMIN_PRINCIPAL } from '../auth/tokens.ts';

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/**
 * What a person trying the demo needs: the admin token, and a fresh one-time code to
 * enrol a station of the first demo site.
 */
export async function logDemoBanner(db: Db, config: Config, baseUrl: string, log: Log): Promise<void> {
  if (config.adminToken !== null) {
    const how = config.adminTokenIsDemo
      ? 'the well-known dev token of --demo (set PACKLINE_ADMIN_TOKEN to choose your own; never use this one in production)'
      : 'from PACKLINE_ADMIN_TOKEN';
    log.info({ adminToken: config.adminTokenIsDemo ? config.adminToken : '(as set)' }, `admin token: ${how}`);
  }
  const site = await db.query<{ id: string; code: string }>(
    `SELECT id, doc->>'code' AS code FROM documents WHERE collection = 'sites' AND NOT deleted ORDER BY doc->>'code' LIMIT 1`,
  );
  const first = site[0];
  if (first === undefined) {
    log.warn({}, 'no sites yet: create one before enrolling stations');
    return;
  }
  const device = await createDevice(db, ADMIN_PRINCIPAL, first.id, `Demo station ${first.code}`);
  log.info(
    { siteId: first.id, site: first.code, enrolmentCode: device.enrolmentCode, expiresAt: device.expiresAt },
    `enrol a demo station: curl -X POST ${baseUrl}/api/v1/enrol -H 'content-type: application/json' -d '{"code":"${device.enrolmentCode}"}'`,
  );
}
