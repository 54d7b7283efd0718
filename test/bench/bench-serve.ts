/**
 * Child-process entry of the benchmark's server: the server gets its own event loop, as
 * in production, instead of sharing the measuring client's. Reads its Config as JSON from
 * argv[2], prints `{"port": n}` once listening, closes cleanly on SIGTERM or when the
 * parent goes away.
 */
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';

function isConfig(v: unknown): v is Config {
  return typeof v === 'object' && v !== null && 'host' in v && typeof v.host === 'string' && 'port' in v && typeof v.port === 'number' && 'dataDir' in v;
}

const config: unknown = JSON.parse(process.argv[2] ?? '{}');
if (!isConfig(config)) throw new Error(`bench-serve: not a server config: ${process.argv[2] ?? ''}`);
const app = await buildApp(config);
await app.app.listen({ host: config.host, port: config.port });
const addr = app.app.server.address();
if (addr === null || typeof addr === 'string') throw new Error('server has no TCP address');
process.stdout.write(`${JSON.stringify({ port: addr.port })}\n`);
const shutdown = (): void => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
// The parent holds our stdin open: when it dies without stopping us, stdin ends and we go too.
process.stdin.on('end', shutdown);
process.stdin.resume();
