import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HybridClock } from '../../shared/clock/hlc.ts';
import { isCollectionName, type CollectionName } from '../../shared/schema/collections.ts';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import { readScope, type Principal, type ReadScope } from '../../shared/sync/scope.ts';
import { principalOf } from '../auth/guard.ts';
import type { StatsKeeper } from '../db/analyze.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../errors.ts';
import { clientIdOf, collectionParam, pullParams, pushRows } from './envelope.ts';
import { holderOf, pokeEvent, type SyncHub } from './hub.ts';
import { pullPage } from './pull.ts';
import { push } from './push.ts';

export type SyncDeps = { db: Db; hub: SyncHub; clock: HybridClock; stats: StatsKeeper };

function readable(p: Principal, collection: CollectionName): Exclude<ReadScope, { none: true }> {
  const scope = readScope(p, collection);
  if ('none' in scope) throw new HttpError(403, `${collection} are not replicated to ${p.kind === 'device' ? 'stations' : 'this account'}`);
  return scope;
}

export function syncRoutes(app: FastifyInstance, deps: SyncDeps): void {
  const base = `${API_PREFIX}/sync/:collection`;

  app.get(`${base}/pull`, async (request, reply) => {
    const collection = collectionParam(request);
    const scope = readable(principalOf(request), collection);
    const { checkpoint, limit } = pullParams(request);
    const page = await pullPage(deps.db.kysely, collection, scope, checkpoint, limit);
    return reply.type('application/json; charset=utf-8').send(page.body);
  });

  app.post(`${base}/push`, async (request) => {
    const collection = collectionParam(request);
    const rows = pushRows(request.body);
    const p = principalOf(request);
    const origin = clientKey(p, clientIdOf(request));
    if (rows.length === 0) return [];
    const applied = await push(deps.db, deps.hub, deps.clock, p, collection, rows, origin);
    deps.stats.noteWrites(applied.written + applied.refused.length);
    if (applied.refused.length > 0) {
      request.log.info({ collection, refused: applied.refused.map((r) => `${r.documentId}: ${r.rule}`) }, 'push rows refused');
    }
    return applied.conflicts;
  });

  /*
   * Server-Sent Events: a poke says "pull this collection again" and carries no checkpoint,
   * so a stream event never moves a client past an open transaction. One poke is sent on
   * connect, so a reconnecting client resyncs whatever it missed.
   */
  app.get(`${base}/stream`, async (request, reply) => {
    const collection = collectionParam(request);
    const p = principalOf(request);
    const scope = readable(p, collection);
    openStream(reply, deps.hub, [{ collection, scope }], p, clientIdOf(request), pokeEvent(collection));
  });

  /*
   * One stream for several collections (`?collections=orders,shipments`), each poke naming
   * its collection: a browser holds at most 6 HTTP/1.1 connections per server, and a stream
   * per collection would take them all.
   */
  app.get(`${API_PREFIX}/sync/stream`, async (request, reply) => {
    const p = principalOf(request);
    const wanted = streamCollections(request);
    const subs = wanted.map((collection) => ({ collection, scope: readable(p, collection) }));
    // A poke naming no collection: pull everything (a reconnect may have missed pokes).
    openStream(reply, deps.hub, subs, p, clientIdOf(request), 'data: {}\n\n');
  });
}

/**
 * Whose client it is, with the client's own name: a client id only silences pokes to the
 * streams of the same token holder, so nobody can mute another station by borrowing its id.
 */
function clientKey(p: Principal, clientId: string | null): string | null {
  return clientId === null ? null : `${holderOf(p)}:${clientId}`;
}

type StreamSub = { collection: CollectionName; scope: Exclude<ReadScope, { none: true }> };

function openStream(reply: FastifyReply, hub: SyncHub, subs: readonly StreamSub[], p: Principal, clientName: string | null, firstPoke: string): void {
  const clientId = clientKey(p, clientName);
  const holder = holderOf(p);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 2000\n: connected\n\n${firstPoke}`);
  const write = (chunk: string): void => {
    if (!res.writableEnded) res.write(chunk);
  };
  // On shutdown: end the stream and drop the socket, so closing never waits on a client.
  const end = (): void => {
    if (!res.writableEnded) res.end(() => res.socket?.destroy());
  };
  const unsubscribes = subs.map((s) => hub.subscribe({ collection: s.collection, siteId: s.scope.all ? null : s.scope.siteId, clientId, holder }, write, end));
  // 'close' on the response fires when the client goes away (the request's fires early).
  res.on('close', () => {
    for (const u of unsubscribes) u();
  });
}

function streamCollections(request: FastifyRequest): CollectionName[] {
  const q = request.query;
  const raw = typeof q === 'object' && q !== null && 'collections' in q ? q.collections : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new HttpError(400, 'query parameter collections must list collections, e.g. collections=orders,shipments');
  const names = [...new Set(raw.split(',').map((n) => n.trim()))];
  const unknown = names.filter((n) => !isCollectionName(n));
  if (unknown.length > 0) throw new HttpError(404, `unknown collection ${JSON.stringify(unknown[0])}`);
  return names.filter(isCollectionName);
}
