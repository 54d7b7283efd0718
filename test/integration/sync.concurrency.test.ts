import { describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { enrolStation, makeSite, personToken, type TestServer } from '../support/server.ts';
import { eventually, openClient, pullAll, useSyncServer } from './clients.ts';
import { actor, newOrder } from './orders.ts';

const PUSHERS = 6;
const PER_PUSHER = 200;
const WRITE_BATCH = 10;

describe.each(testBackends())('concurrent pushers (%s)', (backend) => {
  let server: TestServer;
  useSyncServer(backend, (s) => (server = s));

  it(`a live puller ends with every document while ${PUSHERS} stations push ${PER_PUSHER} each in small batches`, async () => {
    const puller = await openClient(server, await personToken(server, 'manager', null), ['orders']);
    await puller.sync.awaitInSync();

    // One site per station, so each station pulls back only its own orders and the
    // manager's puller is the one replica that must gather everyone's.
    const sites = await Promise.all(Array.from({ length: PUSHERS }, (_, i) => makeSite(server, `CONC${i}`)));
    const stations = await Promise.all(sites.map(({ siteId }, i) => enrolStation(server, siteId, `pack-${i}`)));
    // Small push batches, so the stations' transactions interleave on the server.
    const pushers = await Promise.all(stations.map((s) => openClient(server, s.token, ['orders'], { batchSize: { push: 7 } })));
    const written = new Set<string>();
    await Promise.all(
      pushers.map(async (client, i) => {
        const siteId = sites[i]?.siteId ?? 'unknown';
        const who = actor(stations[i]?.deviceId ?? 'unknown', siteId);
        for (let n = 0; n < PER_PUSHER; n += WRITE_BATCH) {
          const batch = Array.from({ length: WRITE_BATCH }, (_, k) => newOrder(who, siteId, n + k));
          for (const o of batch) written.add(o.id);
          await client.db.orders.bulkInsert(batch);
          // Let the replication pick the batch up before the next one, as a packer's pace would.
          await new Promise((r) => setImmediate(r));
        }
      }),
    );
    await Promise.all(pushers.map((p) => p.sync.awaitInSync()));

    // Only pokes tell the puller: no reSync() here.
    await eventually('the live puller to have every order', async () => (await puller.db.orders.count().exec()) === written.size);
    const pulled = new Set((await puller.db.orders.find().exec()).map((d) => d.id));
    expect(pulled).toEqual(written);
    const onServer = await pullAll(server, server.adminToken, 'orders');
    expect(onServer).toHaveLength(written.size);
    expect(new Set(onServer.map((d) => d.id))).toEqual(written);
    for (const p of pushers) expect(p.sync.status.pendingUploads).toBe(0);
  });
});
