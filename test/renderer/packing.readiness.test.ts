import { describe, expect, it } from 'vitest';
import { blockingStatus, canReprint, completeRefusal, hasShipped, shipmentsToShow, readOnlySentence } from '../../renderer/packing/readiness.ts';
import { isPackable } from '../../renderer/packing/scan.ts';
import type { OrderStatus } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';

describe('completeRefusal', () => {
  it('lets a fully packed order with a weight ship', () => {
    expect(completeRefusal(true, 1250)).toBeNull();
  });

  it('asks for the weight when everything is packed but none was typed', () => {
    expect(completeRefusal(true, 0)).toBe('bad_weight');
    expect(completeRefusal(true, Number(''))).toBe('bad_weight');
    expect(completeRefusal(true, Number.NaN)).toBe('bad_weight');
    expect(completeRefusal(true, -5)).toBe('bad_weight');
    expect(completeRefusal(true, 12.5)).toBe('bad_weight');
  });

  it('asks for the items first: a weight is no use before everything is scanned', () => {
    expect(completeRefusal(false, 0)).toBe('not_fully_packed');
    expect(completeRefusal(false, 900)).toBe('not_fully_packed');
  });
});

describe('blockingStatus', () => {
  it('says "on hold" for a held order whatever its status underneath', () => {
    expect(isPackable({ status: 'ready', onHold: true })).toBe(false);
    expect(blockingStatus({ status: 'ready', onHold: true })).toBe('on_hold');
  });

  it('says the status otherwise', () => {
    expect(blockingStatus({ status: 'shipped', onHold: false })).toBe('shipped');
    expect(blockingStatus({ status: 'cancelled', onHold: false })).toBe('cancelled');
  });
});

describe('hasShipped', () => {
  it('is true for the statuses reached after a shipment left, false for the others', () => {
    const after: OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'returned'];
    const before: OrderStatus[] = ['pending', 'cancelled', 'on_hold', 'ready', 'picking', 'packed'];
    expect(after.filter((status) => !hasShipped({ status }))).toEqual([]);
    expect(before.filter((status) => hasShipped({ status }))).toEqual([]);
  });
});

describe('readOnlySentence', () => {
  it('tells a partly shipped order (a lead decides the rest) from a shipped one (print again) and the others', () => {
    expect(readOnlySentence({ status: 'partially_shipped' }, 1)).toBe('pack.readOnlyPartial');
    expect(readOnlySentence({ status: 'shipped' }, 1)).toBe('pack.readOnlyShipped');
    expect(readOnlySentence({ status: 'delivered' }, 0)).toBe('pack.readOnlyShipped');
    // A shipment here says it went out, whatever the order's status has caught up to.
    expect(readOnlySentence({ status: 'cancelled' }, 1)).toBe('pack.readOnlyShipped');
    expect(readOnlySentence({ status: 'cancelled' }, 0)).toBe('pack.readOnlyOther');
  });
});

describe('shipmentsToShow', () => {
  type S = Pick<Shipment, 'status' | 'hlc' | 'trackingNumber'>;
  const old: S = { status: 'in_transit', hlc: '000001700000000-000000-a', trackingNumber: 'PL1' };
  const recent: S = { status: 'created', hlc: '000001800000000-000000-a', trackingNumber: 'PL2' };
  const voided: S = { status: 'voided', hlc: '000001900000000-000000-a', trackingNumber: 'PL3' };

  it('puts the newest printable shipment first and voided ones last', () => {
    expect(shipmentsToShow([old, voided, recent]).map((s) => s.trackingNumber)).toEqual(['PL2', 'PL1', 'PL3']);
  });

  it('never offers to print a voided label again', () => {
    expect(canReprint(voided)).toBe(false);
    expect(canReprint(recent)).toBe(true);
  });
});
