import { makeTrackingNumber, parseTrackingNumber, MAX_STATION_NO } from '../../shared/barcodes/tracking.ts';

/** Where the station keeps its last tracking sequence; localStorage in the app, a Map in tests. */
export type SeqStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

export type TrackingSequence = {
  prefix: string;
  stationNo: number;
  /** Reserves and returns the next number. `floor` is the highest sequence known to be used. */
  next(floor: () => Promise<number>): Promise<string>;
};

export const OWN_FLEET_PREFIX = 'PL';

/**
 * A station number from the device id, for a station enrolled before the server handed out
 * numbers (Station.stationNo): FNV-1a folded into 1..9999. Two such stations can collide
 * (about 1 in 10,000 per pair); every station enrolled since has its own number.
 */
export function stationNoOf(deviceId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < deviceId.length; i++) {
    h ^= deviceId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % MAX_STATION_NO) + 1;
}

/**
 * The station's tracking numbers: the sequence is persisted before the number is used, so a
 * crash can skip a number but never hand one out twice. When the stored counter is missing
 * (new profile, cleared storage), it restarts above the highest number already in the store.
 */
export function trackingSequence(storage: SeqStorage, prefix: string, stationNo: number): TrackingSequence {
  const key = `packline.tracking-seq.${prefix}${stationNo}`;
  return {
    prefix,
    stationNo,
    async next(floor) {
      const stored = storage.getItem(key);
      const last = stored === null ? await floor() : Math.max(0, Number(stored) || 0);
      const seq = last + 1;
      storage.setItem(key, String(seq));
      return makeTrackingNumber(prefix, stationNo, seq);
    },
  };
}

/** The highest sequence among tracking numbers this station made, from numbers already stored. */
export function highestSeq(trackingNumbers: Iterable<string>, prefix: string, stationNo: number): number {
  let max = 0;
  for (const t of trackingNumbers) {
    const p = parseTrackingNumber(t);
    if (p !== null && p.prefix === prefix && p.stationNo === stationNo) max = Math.max(max, p.seq);
  }
  return max;
}
