import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Refusal } from '../../shared/schema/refusals.ts';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import { requirePerson, siteFilter } from '../auth/guard.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../errors.ts';
import { queryField } from './envelope.ts';

/** Managers list what the server refused, newest first, so no refusal goes unseen. */
export function refusalRoutes(app: FastifyInstance, db: Db): void {
  app.get(`${API_PREFIX}/refusals`, async (request) => {
    const p = requirePerson(request, ['manager', 'admin']);
    const q = { siteId: queryField(request, 'siteId'), limit: queryField(request, 'limit') };
    if (q.limit !== undefined && (typeof q.limit !== 'string' || !/^\d{1,4}$/.test(q.limit) || Number(q.limit) < 1 || Number(q.limit) > 1000)) {
      throw new HttpError(400, 'limit must be a whole number from 1 to 1000');
    }
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    const siteId = siteFilter(p, q.siteId);
    const { rows } = await (siteId === null
      ? sql<{ doc: string }>`SELECT doc::text AS doc FROM documents WHERE collection = 'refusals' ORDER BY written_at DESC, id DESC LIMIT ${limit}`
      : sql<{ doc: string }>`SELECT doc::text AS doc FROM documents WHERE collection = 'refusals' AND site_id = ${siteId} ORDER BY written_at DESC, id DESC LIMIT ${limit}`
    ).execute(db.kysely);
    const refusals: Refusal[] = rows.map((r): Refusal => JSON.parse(r.doc));
    return { refusals };
  });
}
