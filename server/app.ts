import { fastifyRateLimit } from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { HybridClock } from '../shared/clock/hlc.ts';
import { installAuth, rateLimitKey } from './auth/guard.ts';
import { authRoutes } from './auth/routes.ts';
import { TokenStore } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { apiError, installErrorHandler } from './errors.ts';
import { orderRoutes } from './orders/routes.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { SyncHub } from './sync/hub.ts';
import { refusalRoutes } from './sync/refusals.ts';
import { syncRoutes } from './sync/routes.ts';

export type App = {
  app: FastifyInstance;
  /** The app's database handle (tests query it directly; with PGlite nothing else can open the files). */
  db: Db;
  hub: SyncHub;
  /** Stops accepting, ends SSE streams, waits for requests in flight, closes the database. Idempotent. */
  close(): Promise<void>;
};

export async function buildApp(config: Config): Promise<App> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // Stations reconnect on their own; idle keep-alive sockets must not hold up a shutdown.
    forceCloseConnections: 'idle',
  });
  const db = await openDatabase(config, app.log);
  let hub: SyncHub | null = null;
  try {
    const applied = await migrate(db.kysely);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
    if (config.seed === 'demo') await seedDemoIfEmpty(db, app.log);
    hub = new SyncHub(db, app.log);
    await hub.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const syncHub = hub;
  const deps = { db, hub: syncHub, clock: new HybridClock('server') };
  const tokens = new TokenStore(db.kysely, config.adminToken);

  installErrorHandler(app, config.bodyLimit);
  await app.register(fastifyRateLimit, { global: true, max: config.rateLimit, timeWindow: 60_000, keyGenerator: rateLimitKey });
  installAuth(app, tokens);

  app.get('/healthz', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ok', db: db.kind };
    } catch {
      return reply.code(503).send(apiError(503, `database (${db.kind}) is not answering`));
    }
  });
  syncRoutes(app, deps);
  refusalRoutes(app, db);
  authRoutes(app, db, tokens, config.enrolRateLimit);
  orderRoutes(app, deps);

  // Streams never finish on their own: end them first, or closing would wait for them forever.
  app.addHook('preClose', async () => {
    await syncHub.stop();
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await app.close();
      } finally {
        await db.close();
      }
    })();
    return closing;
  };
  await app.ready();
  return { app, db, hub: syncHub, close };
}
