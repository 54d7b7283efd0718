/**
 * A server database for the UI benchmark: the demo seed, then more orders made by the demo's
 * own order generator at the first demo site (MAD, the site a demo station enrols at) until
 * that site holds `ordersAtSite` orders. Written straight into the database before the
 * server starts: generating and pushing 100,000 orders through the API would only time the
 * server's validation, which this benchmark does not measure.
 */
import { migrate } from '../../../server/db/migrations.ts';
import { openDatabase } from '../../../server/db/database.ts';
import { seedDemoIfEmpty } from '../../../server/seed/demo.ts';
import type { DemoCustomer } from '../../../server/seed/catalog.ts';
import { makeOrder } from '../../../server/seed/orders.ts';
import { Rng } from '../../../server/seed/prng.ts';
import { insertDocs, type StoredDoc } from '../../../server/sync/store.ts';
import type { Customer } from '../../../shared/schema/customers.ts';
import type { Product } from '../../../shared/schema/products.ts';
import type { Site } from '../../../shared/schema/sites.ts';
import type { Staff } from '../../../shared/schema/staff.ts';

const CHUNK = 2000;
const quiet = { info: () => {}, warn: () => {} };

export type SeedResult = { siteCode: string; siteId: string; ordersAtSite: number; shipmentsAtSite: number };

export async function seedBenchDatabase(dataDir: string, ordersAtSite: number, nowMs = Date.now()): Promise<SeedResult> {
  const db = await openDatabase({ databaseUrl: null, dataDir }, quiet);
  try {
    await migrate(db.kysely);
    await seedDemoIfEmpty(db, quiet, nowMs);
    const docsOf = async <T>(collection: string): Promise<T[]> =>
      (await db.query<{ doc: T }>(`SELECT doc FROM documents WHERE collection = $1 AND NOT deleted`, [collection])).map((r) => r.doc);
    const sites = (await docsOf<Site>('sites')).sort((a, b) => a.code.localeCompare(b.code));
    const site = sites[0];
    if (site === undefined) throw new Error('demo seed made no sites');
    // The demo keeps list prices outside the product document; any stable price will do here.
    const products = (await docsOf<Product>('products')).map((doc, i) => ({ doc, price: 499 + ((i * 7919) % 12_000) }));
    const customers = (await docsOf<Customer>('customers'))
      .map((doc) => ({ doc, country: doc.addresses[0]?.country }))
      .filter((c): c is DemoCustomer => c.country === site.country && isDemoCountry(c.country));
    const staff = (await docsOf<Staff>('staff')).filter((s) => s.siteId === site.id && s.role !== 'manager');
    const [{ n: existing } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE collection = 'orders' AND site_id = $1`, [site.id]);
    const [{ n: maxNo } = { n: 0 }] = await db.query<{ n: number }>(`SELECT max(substring(doc->>'number' from 4)::int) AS n FROM documents WHERE collection = 'orders'`);

    const rng = new Rng(20_261_122);
    let docs: StoredDoc[] = [];
    let shipments = 0;
    const flush = async (): Promise<void> => {
      await insertDocs(db.kysely, docs);
      docs = [];
    };
    for (let i = 0; i < ordersAtSite - existing; i++) {
      const n = maxNo - 100_000 + 1 + i;
      const { order, shipment } = makeOrder({
        rng, site, n, nowMs, stationNo: 1, station: `station-${site.code.toLowerCase()}-${rng.int(1, 3)}`,
        staff, products, customers, clash: n % 500 === 0,
      });
      docs.push({ collection: 'orders', id: order.id, doc: order, deleted: false, siteId: site.id, siteHistory: [site.id], writtenBy: 'seed' });
      if (shipment !== null) {
        shipments += 1;
        docs.push({ collection: 'shipments', id: shipment.id, doc: shipment, deleted: false, siteId: site.id, siteHistory: [site.id], writtenBy: 'seed' });
      }
      if (docs.length >= CHUNK) await flush();
    }
    await flush();
    await db.query(`SELECT setval('order_number_seq', $1)`, [maxNo + ordersAtSite]);
    return { siteCode: site.code, siteId: site.id, ordersAtSite, shipmentsAtSite: shipments };
  } finally {
    await db.close();
  }
}

function isDemoCountry(c: string | undefined): c is DemoCustomer['country'] {
  return c === 'ES' || c === 'IT' || c === 'GB';
}
