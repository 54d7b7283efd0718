import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPacklineDatabase, type PacklineDatabase } from '../../renderer/db/database.ts';
import { findOrderByNumber, scanLookupSite } from '../../renderer/packing/hooks.ts';
import { buildOrder, orderEvent, SITE_A, SITE_B, stamp } from '../shared/builders.ts';

let db: PacklineDatabase<'orders'>;

beforeAll(async () => {
  db = await createPacklineDatabase({ name: `scan-lookup-${Date.now()}`, storage: getRxStorageMemory(), collections: ['orders'], devMode: true });
  // What an all-sites person's store holds: orders of several sites.
  await db.orders.bulkInsert([
    buildOrder({ id: 'order-a', number: 'PL-100001', siteId: SITE_A }),
    buildOrder({ id: 'order-b', number: 'PL-101845', siteId: SITE_B, events: [orderEvent({ type: 'created' }, { at: stamp(0), siteId: SITE_B })] }),
  ]);
  // The fold takes the site from the `created` event: order-b is site B's.
  if ((await db.orders.findOne('order-b').exec())?.siteId !== SITE_B) throw new Error('order-b is not at site B');
});

afterAll(async () => {
  await db.remove();
});

describe('looking up a scanned order number', () => {
  it('at one site finds only that site’s orders', async () => {
    expect(await findOrderByNumber(db, SITE_A, 'PL-100001')).toBe('order-a');
    expect(await findOrderByNumber(db, SITE_A, 'PL-101845')).toBeNull();
    expect(await findOrderByNumber(db, SITE_B, 'PL-101845')).toBe('order-b');
  });

  it('at any site (null) finds every site’s orders, and still nothing for an unknown number', async () => {
    expect(await findOrderByNumber(db, null, 'PL-101845')).toBe('order-b');
    expect(await findOrderByNumber(db, null, 'PL-100001')).toBe('order-a');
    expect(await findOrderByNumber(db, null, 'PL-999999')).toBeNull();
  });
});

describe('where a scan looks', () => {
  const station = { siteId: SITE_A, principal: 'device' as const };
  const allSites = { siteId: SITE_A, principal: 'person' as const };

  it('an all-sites person on the orders screens looks at every site', () => {
    expect(scanLookupSite(allSites, 'order')).toBeNull();
  });

  it('the pack screens stay at the station’s own site, whoever is signed in', () => {
    expect(scanLookupSite(allSites, 'pack')).toBe(SITE_A);
    expect(scanLookupSite(station, 'pack')).toBe(SITE_A);
  });

  it('a station (one site) looks at its site on the orders screens too; no station, nowhere', () => {
    expect(scanLookupSite(station, 'order')).toBe(SITE_A);
    expect(scanLookupSite({ siteId: SITE_A }, 'order')).toBe(SITE_A);
    expect(scanLookupSite(null, 'order')).toBeUndefined();
  });

  it('finds another site’s order from the orders screens for an all-sites person only', async () => {
    const scanned = async (who: typeof station | typeof allSites, opens: 'pack' | 'order') => {
      const site = scanLookupSite(who, opens);
      return site === undefined ? null : findOrderByNumber(db, site, 'PL-101845');
    };
    expect(await scanned(allSites, 'order')).toBe('order-b');
    expect(await scanned(allSites, 'pack')).toBeNull();
    expect(await scanned(station, 'order')).toBeNull();
  });
});
