/** Writing orders and movements the way a station or a manager's browser does: locally, stamped by its own clock. */
import { HybridClock } from '../../shared/clock/hlc.ts';
import { newId } from '../../shared/ids.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import type { Movement } from '../../shared/schema/movements.ts';
import type { Order, OrderEvent } from '../../shared/schema/orders.ts';
import type { PacklineCollection } from '../../renderer/db/database.ts';
import { buildMovement, buildOrder, LINES, orderEvent, type OrderEventSpec } from '../shared/builders.ts';

/** Who writes: the device (or person) id stamped on events, its site, and its clock. */
export type Actor = { deviceId: string; siteId: string; clock: HybridClock };

let nodes = 0;

export function actor(deviceId: string, siteId: string): Actor {
  nodes += 1;
  return { deviceId, siteId, clock: new HybridClock(`node${nodes}`) };
}

/** An event by `who`, at `siteId` (default: the actor's site). */
export function eventBy(who: Actor, spec: OrderEventSpec, siteId = who.siteId): OrderEvent {
  return orderEvent(spec, { id: newId(), at: who.clock.tick(), deviceId: who.deviceId, siteId });
}

/** A new order of the actor's site (or `siteId`), with lines L1 × 2 and L2 × 1. */
export function newOrder(who: Actor, siteId = who.siteId, n = 0): Order {
  const at = who.clock.tick();
  const id = newId();
  return buildOrder({
    id,
    number: `PL-${id.slice(-8)}${n}`.slice(0, 40),
    siteId,
    createdAt: at,
    hlc: at,
    lines: LINES,
    events: [orderEvent({ type: 'created' }, { id: newId(), at, deviceId: who.deviceId, siteId })],
  });
}

/** Append events to a local order and refold it, as the pack screen does. */
export async function appendEvents(orders: PacklineCollection<'orders'>, orderId: string, events: readonly OrderEvent[]): Promise<void> {
  const doc = await orders.findOne(orderId).exec();
  if (!doc) throw new Error(`no local order ${orderId}`);
  await doc.incrementalModify((d) => foldOrder({ ...d, events: [...d.events, ...events] }));
}

/** An order from a comparable record (see clients.ts), checked enough to read its fold. */
export function asOrder(d: Record<string, unknown> | undefined): Order {
  if (!isOrder(d)) throw new Error(`not an order: ${JSON.stringify(d)?.slice(0, 200)}`);
  return d;
}

function isOrder(d: unknown): d is Order {
  return typeof d === 'object' && d !== null && 'events' in d && Array.isArray(d.events) && 'exceptions' in d && Array.isArray(d.exceptions);
}

export function newMovement(who: Actor, overrides: Partial<Movement> = {}): Movement {
  return buildMovement({ id: newId(), at: who.clock.tick(), deviceId: who.deviceId, siteId: who.siteId, ...overrides });
}
