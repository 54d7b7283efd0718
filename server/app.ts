import { fastifyRateLimit } from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { HybridClock } from '../shared/clock/hlc.ts';
import { installAuth, rateLimitKey } from './auth/guard.ts';
import { authRoutes } from './auth/routes.ts';
import { TokenStore } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { trackConnections } from './connections.ts';
import { StatsKeeper } from './db/analyze.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { apiError, installErrorHandler } from './errors.ts';
import { installInputGuards } from './input.ts';
import { orderRoutes } from './orders/routes.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { SyncHub } from './sync/hub.ts';
import { demoRoutes } from './web/demo.ts';
import { registerCors, registerStatic } from './web/static.ts';
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

/** `rendererDir`: serve the built browser UI from this folder at `/` (server/web/static.ts). */
export type AppOptions = { rendererDir?: string };

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // Stations reconnect on their own; idle keep-alive sockets must not hold up a shutdown.
    forceCloseConnections: 'idle',
  });
  const db = await openDatabase(config, app.log);
  let hub: SyncHub | null = null;
  const stats = new StatsKeeper(db, app.log);
  try {
    const applied = await migrate(db.kysely);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
    if (config.seed === 'demo' && (await seedDemoIfEmpty(db, app.log))) await stats.analyze();
    else await stats.ensureAnalyzed();
    hub = new SyncHub(db, app.log);
    await hub.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const syncHub = hub;
  const deps = { db, hub: syncHub, clock: new HybridClock('server'), stats };
  const tokens = new TokenStore(db.kysely, config.adminToken);

  installErrorHandler(app, config.bodyLimit);
  await app.register(fastifyRateLimit, { global: true, max: config.rateLimit, timeWindow: 60_000, keyGenerator: rateLimitKey });
  // Before auth: a CORS preflight from the desktop shell carries no token.
  await registerCors(app);
  installInputGuards(app);
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
  // A revocation in another server process reaches this one through the hub: drop cached tokens.
  syncHub.onRevoked(() => tokens.forgetCached());
  authRoutes(app, db, tokens, syncHub, config.enrolRateLimit);
  orderRoutes(app, deps);
  if (config.seed === 'demo') demoRoutes(app, db, tokens);
  if (options.rendererDir !== undefined) await registerStatic(app, options.rendererDir);

  // Streams never finish on their own: end them first, or closing would wait for them forever.
  const connections = trackConnections(app.server);
  app.addHook('preClose', async () => {
    await syncHub.stop();
    connections.drainIdle();
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await app.close();
        await stats.idle();
      } finally {
        await db.close();
      }
    })();
    return closing;
  };
  await app.ready();
  return { app, db, hub: syncHub, close };
}
