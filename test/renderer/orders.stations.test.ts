import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../renderer/app/station-storage.ts';
import { parseStations, refreshStations, STATION_DIRECTORY_PREFIX, storedStations } from '../../renderer/orders/stations.ts';

const SERVER = 'https://packline.example.test';
const pack2 = { deviceId: 'station-mad-2', siteId: 'site-mad', name: 'Pack 2', stationNo: 5 };

function answering(body: unknown, status = 200) {
  return vi.fn<typeof fetch>(() => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })));
}

describe("the stations' names for the order timeline", () => {
  it('takes only a well-formed answer', () => {
    expect(parseStations({ stations: [pack2] })).toEqual([pack2]);
    expect(parseStations({ stations: [{ ...pack2, stationNo: '5' }] })).toBeNull();
    expect(parseStations({ devices: [pack2] })).toBeNull();
    expect(parseStations(null)).toBeNull();
  });

  it('asks the server with the page’s token and keeps the names for the next visit', async () => {
    const storage = memoryStorage();
    const fetchFn = answering({ stations: [pack2] });
    const names = await refreshStations(SERVER, storage, fetchFn, 'tok-1', 1_000);
    expect(names.get('station-mad-2')?.name).toBe('Pack 2');
    expect(fetchFn).toHaveBeenCalledWith(`${SERVER}/api/v1/stations`, { headers: { authorization: 'Bearer tok-1' } });
    // A reload reads them at once, before any request.
    expect(storedStations(storage, SERVER).get('station-mad-2')?.name).toBe('Pack 2');
    // Another server's station names are its own.
    expect(storedStations(storage, 'https://other.example.test').size).toBe(0);
  });

  it('asks again only after ten minutes, and keeps the old names while the server cannot answer', async () => {
    const storage = memoryStorage();
    await refreshStations(SERVER, storage, answering({ stations: [pack2] }), null, 0);
    const soon = answering({ stations: [] });
    await refreshStations(SERVER, storage, soon, null, 9 * 60_000);
    expect(soon).not.toHaveBeenCalled();
    // The desktop app: no token in the page, main adds it.
    const offline = vi.fn<typeof fetch>(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await refreshStations(SERVER, storage, offline, null, 11 * 60_000)).get('station-mad-2')?.name).toBe('Pack 2');
    expect(offline).toHaveBeenCalledWith(`${SERVER}/api/v1/stations`, {});
    const refused = answering({ message: 'unknown or revoked token' }, 401);
    expect((await refreshStations(SERVER, storage, refused, null, 12 * 60_000)).size).toBe(1);
    const renamed = answering({ stations: [{ ...pack2, name: 'Returns bench' }] });
    expect((await refreshStations(SERVER, storage, renamed, null, 13 * 60_000)).get('station-mad-2')?.name).toBe('Returns bench');
  });

  it('treats a damaged record as none', () => {
    const storage = memoryStorage();
    storage.setItem(`${STATION_DIRECTORY_PREFIX}${SERVER}`, '{"fetchedAt":1,"stations":[{"deviceId":1}]}');
    expect(storedStations(storage, SERVER).size).toBe(0);
    storage.setItem(`${STATION_DIRECTORY_PREFIX}${SERVER}`, 'not json');
    expect(storedStations(storage, SERVER).size).toBe(0);
  });
});
