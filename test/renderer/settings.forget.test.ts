import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage, removeKeysStartingWith } from '../../renderer/app/station-storage.ts';
import { STATION_DIRECTORY_PREFIX } from '../../renderer/orders/stations.ts';
import { PIN_ATTEMPTS_PREFIX } from '../../renderer/signin/lockout.ts';
import { lastSyncKey } from '../../renderer/app/sync-context.tsx';
import { createPacklineDatabase, type PacklineDatabase } from '../../renderer/db/database.ts';
import { forgetLocalData, forgetRisk } from '../../renderer/settings/forget-station.ts';
import { firstSyncKeyPrefix } from '../../renderer/sync/replication.ts';
import { buildOrder } from '../shared/builders.ts';

const open: PacklineDatabase<'orders'>[] = [];
const storage = getRxStorageMemory();

async function store(name: string): Promise<PacklineDatabase<'orders'>> {
  const db = await createPacklineDatabase({ name, storage, collections: ['orders'] });
  open.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

describe('forgetting a station', () => {
  it("deletes its store and the records kept beside it, and nothing of another station's", async () => {
    const db = await store('packline-dev1');
    await db.orders.insert(buildOrder({ id: 'o-1', number: 'PL-100001' }));
    const keys = memoryStorage();
    keys.setItem(`${firstSyncKeyPrefix('packline-dev1')}orders-abc`, '{}');
    keys.setItem(`${firstSyncKeyPrefix('packline-dev10')}orders-abc`, '{}');
    keys.setItem(lastSyncKey('dev1'), '1');
    keys.setItem(lastSyncKey('dev2'), '2');
    keys.setItem('packline.tracking-seq.PL0007', '12');
    keys.setItem(`${PIN_ATTEMPTS_PREFIX}staff-7`, '{"failures":3,"lastFailureAt":1}');
    keys.setItem(`${STATION_DIRECTORY_PREFIX}https://packline.example.test`, '{"fetchedAt":1,"stations":[]}');

    await forgetLocalData({ db, sync: null, deviceId: 'dev1', storage: keys });

    expect(db.closed).toBe(true);
    const again = await store('packline-dev1');
    expect(await again.orders.count().exec()).toBe(0);
    const left = Array.from({ length: keys.length }, (_, i) => keys.key(i));
    // Another store's records stay (a prefix is not a match: dev10 is not dev1), and so does the
    // tracking sequence, keyed by a station number the server never gives out again. Wrong-PIN
    // records and station names go with the station.
    expect(new Set(left)).toEqual(new Set([`${firstSyncKeyPrefix('packline-dev10')}orders-abc`, lastSyncKey('dev2'), 'packline.tracking-seq.PL0007']));
  });

  it('says work would be lost when any waits, and claims nothing before sync has started', () => {
    expect(forgetRisk({ syncStarted: true, pendingUploads: 0, scanned: 0 })).toBe('safe');
    expect(forgetRisk({ syncStarted: true, pendingUploads: 4, scanned: 0 })).toBe('losing');
    expect(forgetRisk({ syncStarted: true, pendingUploads: 0, scanned: 1 })).toBe('losing');
    // Nothing counts the changes waiting before sync starts: 0 is not known to be 0.
    expect(forgetRisk({ syncStarted: false, pendingUploads: 0, scanned: 0 })).toBe('unknown');
    expect(forgetRisk({ syncStarted: false, pendingUploads: 0, scanned: 2 })).toBe('losing');
  });

  it('removes keys by prefix and says how many went', () => {
    const keys = memoryStorage();
    for (const k of ['a:1', 'a:2', 'b:1', 'a']) keys.setItem(k, 'x');
    expect(removeKeysStartingWith(keys, 'a:')).toBe(2);
    expect(Array.from({ length: keys.length }, (_, i) => keys.key(i))).toEqual(['b:1', 'a']);
  });
});
