import { describe, expect, it } from 'vitest';
import { sumLedger } from '../../shared/inventory/ledger.ts';
import type { AnyDoc } from '../../shared/schema/collections.ts';
import type { Movement, MovementKind } from '../../shared/schema/movements.ts';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, personToken, type TestServer } from '../support/server.ts';
import { isDeleted, localDocs, openClient, pullAll, serverDocs, syncAll, type Client, useSyncServer } from './clients.ts';
import { actor, appendEvents, eventBy, newMovement, newOrder, type Actor } from './orders.ts';
import type { OrderEventSpec } from '../shared/builders.ts';

const seed = Number(process.env.SYNC_SEED ?? Date.now() % 2 ** 31);
console.log('sync random seed', seed);

/** mulberry32: a tiny seeded PRNG, so a failing run replays with SYNC_SEED. */
function prng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS = 160;

function isMovement(d: AnyDoc): d is Movement & { _deleted: boolean } {
  return 'kind' in d && 'quantity' in d && 'sku' in d;
}
const SKUS = ['MUG-BLUE', 'TEA-EARL', 'PEN-RED'] as const;

type Replica = { client: Client<'orders' | 'movements'>; who: Actor; sites: readonly string[]; running: boolean };

describe.each(testBackends())('randomised sync (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  it(`random writes, disconnects and sync order end with every replica equal to the server (seed ${seed})`, async () => {
    const rnd = prng(seed);
    const int = (n: number): number => Math.floor(rnd() * n);
    const pick = <T>(xs: readonly T[]): T => {
      const x = xs[int(xs.length)];
      if (x === undefined) throw new Error('pick from an empty list');
      return x;
    };

    const { siteId: siteA } = await makeSite(server, 'RNDA');
    const { siteId: siteB } = await makeSite(server, 'RNDB');
    const collections = ['orders', 'movements'] as const;
    const replicas: Replica[] = [];
    for (const [site, name] of [[siteA, 'a1'], [siteA, 'a2'], [siteB, 'b1']] as const) {
      const st = await enrolStation(server, site, name);
      replicas.push({ client: await openClient(server, st.token, collections), who: actor(st.deviceId, site), sites: [site], running: true });
    }
    const managerToken = await personToken(server, 'manager', null);
    replicas.push({ client: await openClient(server, managerToken, collections), who: actor('manager-1', siteA), sites: [siteA, siteB], running: true });

    const counts = { orders: 0, events: 0, movements: 0, stops: 0, syncs: 0 };
    for (let step = 0; step < STEPS; step++) {
      const r = pick(replicas);
      const op = rnd();
      const site = pick(r.sites);
      if (op < 0.25) {
        await r.client.db.orders.insert(newOrder(r.who, site, step));
        counts.orders += 1;
      } else if (op < 0.55) {
        const orders = await r.client.db.orders.find().exec();
        if (orders.length === 0) continue;
        const order = pick(orders);
        const spec = pick<OrderEventSpec>([
          { type: 'note', text: `step ${step}` },
          { type: 'picked', lineId: pick(['L1', 'L2']), qty: 1 },
          { type: 'packed', lineId: pick(['L1', 'L2']), qty: 1 },
          { type: 'hold', reason: 'address check' },
          { type: 'hold_released' },
        ]);
        await appendEvents(r.client.db.orders, order.id, [eventBy(r.who, spec, order.siteId)]);
        counts.events += 1;
      } else if (op < 0.8) {
        const kind = pick<MovementKind>(['receipt', 'reservation', 'release', 'adjustment']);
        const quantity = kind === 'adjustment' ? pick([-3, -1, 2, 5]) : 1 + int(9);
        const sku = pick(SKUS);
        await r.client.db.movements.insert(newMovement(r.who, { siteId: site, kind, quantity, sku, productId: `prod-${sku.toLowerCase()}` }));
        counts.movements += 1;
      } else if (op < 0.92) {
        if (r.running) await r.client.sync.stop();
        else await r.client.sync.start();
        r.running = !r.running;
        counts.stops += 1;
      } else if (r.running) {
        await r.client.sync.awaitInSync();
        counts.syncs += 1;
      }
    }
    console.log('sync random ops', seed, counts);

    for (const r of replicas) if (!r.running) await r.client.sync.start();
    await syncAll(replicas.map((r) => r.client));

    for (const r of replicas) {
      for (const c of collections) {
        expect(await localDocs(r.client, c), `${c} of ${r.client.name}`).toEqual(await serverDocs(server, r.client.token, c));
      }
      const mine = (await r.client.db.movements.find().exec()).map((d) => d.toMutableJSON());
      const theirs = (await pullAll(server, r.client.token, 'movements')).filter((m) => !isDeleted(m)).filter(isMovement);
      expect(sumLedger(mine), `ledger of ${r.client.name}`).toEqual(sumLedger(theirs));
      expect(r.client.sync.status.pendingUploads, `pending uploads of ${r.client.name}`).toBe(0);
    }
    // Every movement written anywhere is in the server's ledger exactly once.
    expect(await pullAll(server, managerToken, 'movements')).toHaveLength(counts.movements);
    expect(await pullAll(server, managerToken, 'orders')).toHaveLength(counts.orders);
  });
});
