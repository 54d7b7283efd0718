import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { usePackSession } from '../../renderer/packing/session.ts';
import { learnStationNo } from '../../renderer/enrol/api.ts';
import { useSessionStore, type Station } from '../../renderer/session/store.ts';

const keep = (n: number): void => useSessionStore.getState().setStationNo(n);
const never = (): Promise<{ stationNo?: number }> => Promise.reject(new Error('must not ask'));
const station = (deviceId: string): Station => ({ deviceId, siteId: 'site-1', siteCode: 'MAD', stationName: 'Pack 1', serverUrl: 'http://server.test', principal: 'device' });

/** Web Storage over a Map: the session store persists the station as the page does. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

beforeAll(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  vi.stubGlobal('sessionStorage', memoryStorage());
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe("a station's pack sessions", () => {
  afterEach(() => {
    useSessionStore.getState().setStation(null);
    usePackSession.setState({ sessions: {}, feedback: null });
  });

  it('survive sign-ins and a rename at the same station, and go when the station is forgotten or replaced', () => {
    useSessionStore.getState().setStation(station('dev-1'));
    usePackSession.getState().push('order-1', { kind: 'scan', lineId: 'L1', code: '4006381333931' });
    useSessionStore.getState().signIn({ id: 'staff-1', name: 'Ana', role: 'packer' });
    useSessionStore.getState().setStation({ ...station('dev-1'), stationName: 'Pack 1 (renamed)' });
    expect(usePackSession.getState().sessions['order-1']?.actions).toHaveLength(1);

    useSessionStore.getState().setStation(station('dev-2'));
    expect(usePackSession.getState().sessions).toEqual({});

    usePackSession.getState().push('order-2', { kind: 'scan', lineId: 'L1', code: '4006381333931' });
    useSessionStore.getState().setStation(null);
    expect(usePackSession.getState().sessions).toEqual({});
  });
});

describe("a station's number from the server", () => {
  afterEach(() => {
    useSessionStore.getState().setStation(null);
  });

  it('is learnt by a station enrolled before stations had numbers, keeping the packer signed in and the pack sessions', async () => {
    useSessionStore.getState().setStation(station('dev-1'));
    useSessionStore.getState().signIn({ id: 'staff-1', name: 'Ana', role: 'packer' });
    usePackSession.getState().push('order-1', { kind: 'scan', lineId: 'L1', code: '4006381333931' });
    const asked: string[] = [];
    const ok = await learnStationNo(useSessionStore.getState().station, (url) => {
      asked.push(url);
      return Promise.resolve({ stationNo: 42 });
    }, keep);
    expect(ok).toBe(true);
    expect(asked).toEqual(['http://server.test']);
    expect(useSessionStore.getState().station?.stationNo).toBe(42);
    expect(useSessionStore.getState().staff?.name).toBe('Ana');
    expect(usePackSession.getState().sessions['order-1']?.actions).toHaveLength(1);
  });

  it('is not asked again once known, and a server that cannot say leaves the station as it was', async () => {
    useSessionStore.getState().setStation({ ...station('dev-1'), stationNo: 7 });
    expect(await learnStationNo(useSessionStore.getState().station, never, keep)).toBe(true);
    useSessionStore.getState().setStation(station('dev-2'));
    expect(await learnStationNo(useSessionStore.getState().station, () => Promise.resolve({}), keep)).toBe(false);
    expect(useSessionStore.getState().station?.stationNo).toBeUndefined();
  });
});
