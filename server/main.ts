import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { logDemoBanner } from './seed/banner.ts';

const SHUTDOWN_TIMEOUT_MS = 15_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const built = await buildApp(config, { rendererDir: resolve(process.env.PACKLINE_RENDERER_DIR ?? fileURLToPath(new URL('../dist/renderer', import.meta.url))) });
  const { app, db } = built;
  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info({ db: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined }, `Packline server listening on ${address}`);
  if (process.argv.includes('--demo')) await logDemoBanner(db, config, address, app.log);
  else if (config.adminToken === null) {
    app.log.warn({}, 'PACKLINE_ADMIN_TOKEN is not set: nobody can create sites, stations or people until it is');
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing those in flight, closing streams and database');
    // A request stuck for longer than this is abandoned rather than holding the process forever.
    setTimeout(() => {
      app.log.error({}, 'shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    built.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Packline server failed to start:', err);
  process.exit(1);
});
