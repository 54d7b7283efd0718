/**
 * The pack station's one write path (STYLE: every local write goes through a small set of
 * commands). Scans, undo and manual counts change the pack session synchronously, so the
 * screen answers within the keydown's frame; completeAndShip writes the documents.
 */
import type { HybridClock } from '../../shared/clock/hlc.ts';
import { newId } from '../../shared/ids.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import type { StaffRole } from '../../shared/schema/common.ts';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { PacklineDatabase } from '../db/database.ts';
import { boxByCode } from './boxes.ts';
import { planCompletion, type CompletionPlan, type PlanError } from './plan.ts';
import { decideScan, packedSoFar, type ProductIndex, type ScanDecision } from './scan.ts';
import { sessionQuantities, usePackSession, type PackAction } from './session.ts';
import { highestSeq, type TrackingSequence } from './tracking.ts';

export type PackContext = {
  clock: HybridClock;
  deviceId: string;
  siteId: string;
  staff: { id: string; role: StaffRole } | null;
  tracking: TrackingSequence;
};

/** The order and the product index the pack screen already holds from its reactive queries. */
export type PackView = { order: Order; products: ProductIndex };

/** Any store with these collections: the app's full database, or a test's smaller one. */
export type PackDb = Pick<PacklineDatabase, 'orders' | 'shipments' | 'movements'>;

const LEAD_ROLES: ReadonlySet<StaffRole> = new Set(['lead', 'manager', 'admin']);

export function canSetManualQuantity(staff: PackContext['staff']): boolean {
  return staff !== null && LEAD_ROLES.has(staff.role);
}

function quantities(orderId: string): Map<string, number> {
  return sessionQuantities(usePackSession.getState().sessions[orderId]);
}

/** Judges a scan and, if good, counts it. Synchronous: no awaits between the key and the UI. */
export function recordScan(view: PackView, code: string): ScanDecision {
  const store = usePackSession.getState();
  const orderId = view.order.id;
  const locked = store.sessions[orderId]?.plan != null;
  const decision: ScanDecision = locked
    ? { ok: false, code, reason: 'order_not_packable' }
    : decideScan(view.order, view.products, quantities(orderId), code);
  if (decision.ok) store.push(orderId, { kind: 'scan', lineId: decision.lineId, code });
  store.showFeedback(orderId, decision);
  return decision;
}

/** Takes back the last scan or manual count of the order's session. */
export function undoLastScan(orderId: string): PackAction | null {
  return usePackSession.getState().undo(orderId);
}

export type ManualResult = { ok: true } | { ok: false; reason: 'not_allowed' | 'bad_quantity' | 'unknown_line' };

/** A lead sets how many units of a line are packed in total (e.g. a 200-unit line counted by hand). */
export function setManualQuantity(ctx: Pick<PackContext, 'staff'>, view: PackView, lineId: string, totalPacked: number): ManualResult {
  if (!canSetManualQuantity(ctx.staff) || ctx.staff === null) return { ok: false, reason: 'not_allowed' };
  const line = view.order.lines.find((l) => l.lineId === lineId);
  if (line === undefined) return { ok: false, reason: 'unknown_line' };
  const before = packedSoFar(view.order, lineId, new Map());
  if (!Number.isInteger(totalPacked) || totalPacked < before || totalPacked > line.quantity) return { ok: false, reason: 'bad_quantity' };
  usePackSession.getState().push(view.order.id, { kind: 'manual', lineId, qty: totalPacked - before, staffId: ctx.staff.id });
  return { ok: true };
}

export type CompleteResult =
  | { ok: true; shipment: Shipment; order: Order }
  | { ok: false; reason: PlanError | 'order_not_found' | 'unknown_box' };

/**
 * Ships the order in one package. The plan (ids, tracking number, events) is saved in the
 * session before anything is written, and every write is keyed by those ids, so running it
 * again after a crash finishes the job instead of shipping twice. Local writes only.
 */
export async function completeAndShip(
  db: PackDb,
  ctx: PackContext,
  orderId: string,
  opts: { box: string; weightGrams: number },
): Promise<CompleteResult> {
  const store = usePackSession.getState();
  let plan = store.sessions[orderId]?.plan ?? null;
  if (plan === null) {
    const doc = await db.orders.findOne(orderId).exec();
    if (doc === null) return { ok: false, reason: 'order_not_found' };
    const box = boxByCode(opts.box);
    if (box === undefined) return { ok: false, reason: 'unknown_box' };
    const order = foldOrder(doc.toMutableJSON());
    const orderMovements = await db.movements.find({ selector: { siteId: order.siteId, orderId } }).exec();
    const trackingNumber = await ctx.tracking.next(async () => {
      const mine = await db.shipments.find({ selector: { siteId: ctx.siteId } }).exec();
      return highestSeq(mine.map((s) => s.trackingNumber), ctx.tracking.prefix, ctx.tracking.stationNo);
    });
    const stamper = { tick: () => ctx.clock.tick(), newId, deviceId: ctx.deviceId, siteId: ctx.siteId, ...(ctx.staff ? { staffId: ctx.staff.id } : {}) };
    const made = planCompletion(
      { order, session: quantities(orderId), box, weightGrams: opts.weightGrams, trackingNumber, orderMovements: orderMovements.map((m) => m.toJSON()) },
      stamper,
    );
    if ('error' in made) return { ok: false, reason: made.error };
    plan = made;
    store.setPlan(orderId, plan);
  }
  const order = await applyPlan(db, plan);
  usePackSession.getState().clear(orderId);
  return { ok: true, shipment: plan.shipment, order };
}

/** Writes a plan; every step skips what is already there. The order goes last: it is what flips to "shipped". */
async function applyPlan(db: PackDb, plan: CompletionPlan): Promise<Order> {
  await insertMissing(db.shipments, [plan.shipment]);
  await insertMissing(db.movements, plan.movements);
  const doc = await db.orders.findOne(plan.orderId).exec();
  if (doc === null) throw new Error(`Order ${plan.orderId} vanished while shipping`);
  const updated = await doc.incrementalModify((data) => {
    const have = new Set(data.events.map((e) => e.id));
    const missing = plan.events.filter((e) => !have.has(e.id));
    return missing.length === 0 ? data : foldOrder({ ...data, events: [...data.events, ...missing] });
  });
  return updated.toMutableJSON();
}

type Insertable<T> = { bulkInsert(docs: T[]): Promise<{ error: { status: number }[] }> };

async function insertMissing<T>(collection: Insertable<T>, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  const res = await collection.bulkInsert(docs);
  // 409: already written by an earlier run of the same plan.
  const real = res.error.filter((e) => e.status !== 409);
  if (real.length > 0) throw new Error(`Could not write ${real.length} document(s) while shipping`);
}
