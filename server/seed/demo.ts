import { argon2id } from 'hash-wasm';
import { sql, type Kysely } from 'kysely';
import { formatHlc } from '../../shared/clock/hlc.ts';
import type { Movement } from '../../shared/schema/movements.ts';
import type { Db } from '../db/database.ts';
import type { Tables } from '../db/tables.ts';
import { insertDocs, type StoredDoc } from '../sync/store.ts';
import { DEMO_PINS, makeCustomers, makeProducts, makeSites, makeStaff } from './catalog.ts';
import { makeOrder } from './orders.ts';
import { Rng } from './prng.ts';

export const DEMO_COUNTS = { sites: 3, products: 2000, customers: 1000, orders: 5000 } as const;

type Log = { info(obj: object, msg: string): void };

const SEED_LOCK = 7_311_043;
const CHUNK = 1000;

/** argon2id as OWASP suggests (19 MiB, 2 passes); the salt is fixed only for demo data. */
export async function hashPin(pin: string, salt = 'packline-demo-salt'): Promise<string> {
  return argon2id({ password: pin, salt, parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32, outputType: 'encoded' });
}

async function insertChunked(db: Kysely<Tables>, docs: readonly StoredDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) await insertDocs(db, docs.slice(i, i + CHUNK));
}

/** Stations per site whose work the seeded history shows (`station-<site>-<n>`). */
const SEEDED_STATIONS = 3;

/**
 * The stations the seeded history names, so the order timeline can say "Pack 2" rather than an
 * id. Each site's first holds the station number its seeded tracking numbers carry (the site's
 * position, see makeOrder's `stationNo`); the sequence then moves past every seeded number, so
 * no station enrolled later makes a tracking number the history already has. They have no
 * token: nothing can sign in as them.
 */
function seededStationId(code: string, n: number): string {
  return `station-${code.toLowerCase()}-${n}`;
}

async function seedStations(trx: Kysely<Tables>, sites: readonly { id: string; code: string }[]): Promise<void> {
  await trx
    .insertInto('devices')
    .values(sites.map((site, i) => ({ id: seededStationId(site.code, 1), site_id: site.id, name: 'Pack 1', created_by: 'seed', station_no: i + 1 })))
    .execute();
  await sql`SELECT setval('device_station_no_seq', ${sites.length})`.execute(trx);
  const rest = sites.flatMap((site) => Array.from({ length: SEEDED_STATIONS - 1 }, (_, k) => ({ id: seededStationId(site.code, k + 2), site_id: site.id, name: `Pack ${k + 2}`, created_by: 'seed' })));
  await trx.insertInto('devices').values(rest).execute();
}

/**
 * Fills an empty database with a realistic, deterministic warehouse: three sites in three
 * countries, a catalogue with valid EAN-13s, customers, 5,000 orders in every state with
 * shipments for what left, stock receipts, and staff with PINs. Skipped when any site
 * exists. Bulk inserts in one transaction: a half-seeded database never exists.
 */
export async function seedDemoIfEmpty(db: Db, log: Log, nowMs = Date.now()): Promise<boolean> {
  const started = Date.now();
  const pinHashes = await Promise.all(DEMO_PINS.map((p) => hashPin(p)));
  const seeded = await db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const { rows } = await sql`SELECT 1 FROM documents WHERE collection = 'sites' LIMIT 1`.execute(trx);
    if (rows.length > 0) return false;

    const rng = new Rng(20_240_601);
    const baseMs = nowMs - 30 * 86_400_000;
    const stamp = formatHlc({ ms: baseMs, counter: 0, node: 'seed' });
    const sites = makeSites(rng, stamp, baseMs);
    const products = makeProducts(rng, DEMO_COUNTS.products, sites, stamp, baseMs);
    const customers = makeCustomers(rng, DEMO_COUNTS.customers, stamp, baseMs);
    const staff = makeStaff(rng, sites, pinHashes, baseMs);

    const docs: StoredDoc[] = [];
    const add = (collection: string, doc: { id: string }, siteId: string | null): void => {
      docs.push({ collection, id: doc.id, doc, deleted: false, siteId, siteHistory: siteId === null ? [] : [siteId], writtenBy: 'seed' });
    };
    for (const s of sites) add('sites', s, null);
    for (const p of products) add('products', p.doc, null);
    for (const c of customers) add('customers', c.doc, null);
    for (const s of staff) add('staff', s, s.siteId);

    for (const site of sites) {
      for (const p of products) {
        const m: Movement = {
          id: rng.uuid(baseMs), kind: 'receipt', productId: p.doc.id, sku: p.doc.sku, quantity: rng.int(20, 400),
          reason: 'opening stock', at: stamp, deviceId: seededStationId(site.code, 1), siteId: site.id,
        };
        add('movements', m, site.id);
      }
    }

    const weights: readonly (readonly [number, number])[] = sites.map((_s, i) => [i, [45, 30, 25][i] ?? 30] as const);
    const floor = sites.map((site) => staff.filter((s) => s.siteId === site.id && s.role !== 'manager'));
    const buyers = sites.map((site) => customers.filter((c) => c.country === site.country));
    for (let n = 1; n <= DEMO_COUNTS.orders; n++) {
      const i = rng.weighted(weights);
      const site = sites[i];
      if (site === undefined) throw new Error(`no site ${i}`);
      const { order, shipment } = makeOrder({
        rng, site, n, nowMs,
        stationNo: i + 1,
        station: seededStationId(site.code, rng.int(1, SEEDED_STATIONS)),
        staff: floor[i] ?? [],
        products,
        customers: buyers[i] ?? [],
        clash: n % 500 === 0,
      });
      add('orders', order, order.siteId);
      if (shipment !== null) add('shipments', shipment, shipment.siteId);
    }
    await insertChunked(trx, docs);
    await sql`SELECT setval('order_number_seq', ${100_000 + DEMO_COUNTS.orders})`.execute(trx);
    await seedStations(trx, sites);
    return true;
  });
  if (seeded) log.info({ ms: Date.now() - started, ...DEMO_COUNTS }, 'demo data seeded');
  return seeded;
}
