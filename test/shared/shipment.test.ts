import * as fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { foldShipment, shipmentStatus } from '../../shared/shipments/fold.ts';
import { Shipment, type ShipmentEvent } from '../../shared/schema/shipments.ts';
import { fcSeed, permutedWithDuplicates, stampArb } from './arbitraries.ts';
import { buildShipment, SITE_A, shipmentEvent, stamp } from './builders.ts';

const seed = fcSeed();

const at = (ms: number, type: ShipmentEvent['type'], id?: string) =>
  shipmentEvent(type, id === undefined ? { at: stamp(ms) } : { id, at: stamp(ms) });

describe('foldShipment', () => {
  it('takes the type of the last event in clock order', () => {
    expect(buildShipment({ events: [] }).status).toBe('created');
    expect(buildShipment({ events: [at(3, 'in_transit'), at(1, 'created'), at(2, 'picked_up')] }).status).toBe('in_transit');
    expect(buildShipment({ events: [at(1, 'created'), at(2, 'failed_delivery')] }).status).toBe('failed_delivery');
  });

  it('breaks equal stamps by event id', () => {
    expect(buildShipment({ events: [at(1, 'label_printed', 'b'), at(1, 'picked_up', 'a')] }).status).toBe('label_printed');
  });

  it('keeps delivered over later scans, and voided over everything', () => {
    expect(buildShipment({ events: [at(1, 'delivered'), at(2, 'in_transit')] }).status).toBe('delivered');
    expect(buildShipment({ events: [at(1, 'voided'), at(2, 'delivered'), at(3, 'in_transit')] }).status).toBe('voided');
    expect(buildShipment({ events: [at(1, 'delivered'), at(2, 'voided')] }).status).toBe('voided');
  });

  it('dedupes and sorts events', () => {
    const e1 = at(1, 'created', 'x1');
    const e2 = at(2, 'label_printed', 'x2');
    const folded = buildShipment({ events: [e2, e1, { ...e2 }] });
    expect(folded.events).toStrictEqual([e1, e2]);
    expect(shipmentStatus(folded.events)).toBe('label_printed');
  });

  it('gives the same shipment for any permutation and duplication of the events', () => {
    const kinds = fc.constantFrom<ShipmentEvent['type']>('created', 'label_printed', 'picked_up', 'in_transit', 'delivered', 'failed_delivery', 'returned_to_sender', 'voided');
    const logArb = fc
      .array(fc.tuple(kinds, stampArb), { maxLength: 15 })
      .map((rows) => rows.map(([type, stampAt], i): ShipmentEvent => ({ id: `s${i}`, type, at: stampAt, deviceId: 'dev-1', siteId: SITE_A })));
    const check = Compile(Shipment);
    fc.assert(
      fc.property(
        logArb.chain((log) => fc.tuple(fc.constant(log), permutedWithDuplicates(log))),
        ([log, shuffled]) => {
          const reference = buildShipment({ events: log });
          const folded = buildShipment({ events: shuffled });
          expect(folded).toStrictEqual(reference);
          expect(foldShipment(folded)).toStrictEqual(folded);
          expect(check.Check(folded)).toBe(true);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
