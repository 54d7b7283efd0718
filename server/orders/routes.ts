import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Product } from '../../shared/schema/products.ts';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import type { Principal } from '../../shared/sync/scope.ts';
import { requirePerson, requireSiteAccess } from '../auth/guard.ts';
import { siteExists } from '../auth/routes.ts';
import { bodyParser } from '../body.ts';
import type { Tables } from '../db/tables.ts';
import { HttpError } from '../errors.ts';
import type { Poke } from '../sync/hub.ts';
import { applyRows, withRetry } from '../sync/push.ts';
import type { SyncDeps } from '../sync/routes.ts';
import { buildCustomer, buildIntakeOrder, formatOrderNumber } from './build.ts';
import { IntakeBody, type IntakeResult } from './intake-schema.ts';

const parseIntake = bodyParser(IntakeBody);

async function findProducts(db: Kysely<Tables>, skus: readonly string[]): Promise<Map<string, Product>> {
  const { rows } = await sql<{ doc: string }>`
    SELECT doc::text AS doc FROM documents
    WHERE collection = 'products' AND doc->>'sku' = ANY(${[...skus]}::text[]) AND NOT deleted`.execute(db);
  const out = new Map<string, Product>();
  for (const r of rows) {
    const p: Product = JSON.parse(r.doc);
    out.set(p.sku, p);
  }
  return out;
}

async function findCustomerId(db: Kysely<Tables>, email: string): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM documents
    WHERE collection = 'customers' AND lower(doc->>'email') = lower(${email}) AND NOT deleted
    ORDER BY id LIMIT 1`.execute(db);
  return rows[0]?.id ?? null;
}

async function existing(db: Kysely<Tables>, channel: string, externalId: string): Promise<IntakeResult | null> {
  const row = await db
    .selectFrom('order_intake')
    .select(['order_id', 'number'])
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row === undefined ? null : { orderId: row.order_id, number: row.number, created: false };
}

/**
 * Order intake for storefronts. Idempotent by (channel, externalId): the intake table's
 * primary key settles racing duplicates, and the order goes through the push write path so
 * it replicates and pokes like any other write.
 */
export function orderRoutes(app: FastifyInstance, deps: SyncDeps): void {
  app.post(`${API_PREFIX}/orders`, async (request, reply) => {
    const p: Principal = requirePerson(request, ['customer_service', 'manager', 'admin']);
    const body = parseIntake(request.body);
    requireSiteAccess(p, body.siteId);
    const db = deps.db.kysely;

    const seen = await existing(db, body.channel, body.externalId);
    if (seen !== null) return reply.code(200).send(seen);
    if (!(await siteExists(deps.db, body.siteId))) {
      throw new HttpError(400, `unknown site ${body.siteId}`, [{ path: '/siteId', message: `unknown site ${body.siteId}` }]);
    }
    const products = await findProducts(db, body.lines.map((l) => l.sku));
    const unknown = body.lines.flatMap((l, i) => (products.has(l.sku) ? [] : [{ path: `/lines/${i}/sku`, message: `unknown sku ${JSON.stringify(l.sku)}` }]));
    if (unknown.length > 0) throw new HttpError(400, `unknown sku: ${unknown.map((u) => u.message.slice(12)).join(', ')}`, unknown);

    const outcome = await withRetry(() =>
      db.transaction().execute(async (trx) => {
        const orderId = uuidv7();
        const seq = await sql<{ n: number }>`SELECT nextval('order_number_seq') AS n`.execute(trx);
        const number = formatOrderNumber(seq.rows[0]?.n ?? 0);
        const claimed = await trx
          .insertInto('order_intake')
          .values({ channel: body.channel, external_id: body.externalId, order_id: orderId, number })
          .onConflict((oc) => oc.doNothing())
          .returning('order_id')
          .executeTakeFirst();
        if (claimed === undefined) return { result: await existing(trx, body.channel, body.externalId), pokes: [] as Poke[] };

        const pokes: Poke[] = [];
        let customerId = await findCustomerId(trx, body.customer.email);
        if (customerId === null) {
          const customer = buildCustomer(body, deps.clock);
          customerId = customer.id;
          const c = await applyRows(trx, deps.db, deps.clock, p, 'customers', [{ newDocumentState: customer }], { recordRefusals: false });
          if (c.refused[0] !== undefined) throw new HttpError(403, c.refused[0].message);
          pokes.push(...c.pokes);
        }
        const order = buildIntakeOrder(body, { orderId, number, customerId }, products, deps.clock);
        const o = await applyRows(trx, deps.db, deps.clock, p, 'orders', [{ newDocumentState: order }], { recordRefusals: false });
        if (o.refused[0] !== undefined) throw new HttpError(o.refused[0].rule === 'scope' || o.refused[0].rule === 'role' ? 403 : 400, o.refused[0].message);
        pokes.push(...o.pokes);
        return { result: { orderId, number, created: true }, pokes };
      }),
    );
    deps.hub.committed(outcome.pokes);
    if (outcome.result === null) throw new HttpError(409, 'a concurrent request for this order is in progress; retry');
    return reply.code(outcome.result.created ? 201 : 200).send(outcome.result);
  });
}
