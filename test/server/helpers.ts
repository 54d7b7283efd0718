import { uuidv7 } from 'uuidv7';
import { formatHlc } from '../../shared/clock/hlc.ts';
import { foldOrder } from '../../shared/orders/fold.ts';
import type { Movement } from '../../shared/schema/movements.ts';
import type { Order, OrderEvent } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import { api, enrolStation, type ApiResult, type TestServer } from '../support/server.ts';
import { buildMovement, buildProduct, orderInput } from '../shared/builders.ts';

let tick = 0;

/** A stamp a little after the previous one, in the recent past (so never "from the future"). */
export function now(node = 'test'): string {
  tick += 1;
  return formatHlc({ ms: Date.now() - 60_000, counter: tick, node });
}

type Spec = { [K in OrderEvent['type']]: Omit<Extract<OrderEvent, { type: K }>, 'id' | 'at' | 'deviceId' | 'siteId' | 'staffId'> }[OrderEvent['type']];

/**
 * Who writes: a station's device and site, as the server checks them against its token. A
 * bare site id stands for a device no token names, for documents pushed by people (whose
 * tokens are not checked against it) or meant to be refused.
 */
export type Author = { siteId: string; deviceId: string };

/** An enrolled station: its token, and itself as an Author. */
export type Station = Author & { token: string };

export async function newStation(server: TestServer, siteId: string, name?: string): Promise<Station> {
  return { ...(await enrolStation(server, siteId, name)), siteId };
}

function author(by: Author | string): Author {
  return typeof by === 'string' ? { siteId: by, deviceId: 'test-device' } : { siteId: by.siteId, deviceId: by.deviceId };
}

export function event(by: Author | string, spec: Spec, id: string = uuidv7()): OrderEvent {
  return { id, at: now(), ...author(by), ...spec };
}

/** A folded order of the author's site: created there by the author, plus `events`. */
export function order(by: Author | string, id: string = uuidv7(), events: OrderEvent[] = []): Order {
  const created = event(by, { type: 'created' });
  const { siteId } = author(by);
  return foldOrder(orderInput({ id, number: `T-${id.slice(-8)}`, siteId, createdAt: created.at, hlc: created.at, events: [created, ...events] }));
}

export function movement(by: Author | string, overrides: Partial<Movement> = {}): Movement {
  return buildMovement({ id: uuidv7(), ...author(by), at: now(), ...overrides });
}

export function product(sku: string, overrides: Partial<Product> = {}): Product {
  return buildProduct({ id: uuidv7(), sku, hlc: now(), ...overrides });
}

export function row(doc: object, assumed?: object | null, deleted = false): { newDocumentState: object; assumedMasterState?: object | null } {
  const newDocumentState = { ...doc, _deleted: deleted };
  return assumed === undefined ? { newDocumentState } : { newDocumentState, assumedMasterState: assumed === null ? null : { ...assumed, _deleted: false } };
}

export function push(server: TestServer, token: string, collection: string, rows: unknown): Promise<ApiResult> {
  return api(server, 'POST', `/api/v1/sync/${collection}/push`, { token, body: rows });
}

export function pull(server: TestServer, token: string, collection: string, checkpoint: unknown, limit: number): Promise<ApiResult> {
  const cp = checkpoint === null ? '' : `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`;
  return api(server, 'GET', `/api/v1/sync/${collection}/pull?limit=${limit}${cp}`, { token });
}

export type WireRec = Record<string, unknown> & { id: string; _deleted: boolean };

/** Pulls page after page until a short page, as an RxDB client does. */
export async function pullAll(server: TestServer, token: string, collection: string, limit = 100, from: unknown = null) {
  const docs: WireRec[] = [];
  const pages: number[] = [];
  let checkpoint: unknown = from;
  for (;;) {
    const res = await pull(server, token, collection, checkpoint, limit);
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${JSON.stringify(res.body)}`);
    const page: { documents: WireRec[]; checkpoint: unknown } = res.body;
    docs.push(...page.documents);
    pages.push(page.documents.length);
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return { docs, pages, checkpoint };
  }
}

export type RowState = { collection: string; id: string; xid: string; doc: string; deleted: boolean };

/** Every stored row with its xid, to prove a request changed nothing. */
export function snapshot(server: TestServer): Promise<RowState[]> {
  return server.query<RowState>('SELECT collection, id, xid::text AS xid, doc::text AS doc, deleted FROM documents ORDER BY collection, id');
}
