import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fastifyCors } from '@fastify/cors';
import { fastifyStatic } from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, CLIENT_HEADER } from '../../shared/sync/protocol.ts';
import { PUBLIC_ROUTES } from '../auth/guard.ts';
import { HttpError } from '../errors.ts';

/** The desktop shell loads the UI from its own protocol and calls the server cross-origin. */
export const ELECTRON_ORIGIN = 'app://packline';

/**
 * The browser host's policy: the Electron shell's (main/security.ts) plus 'wasm-unsafe-eval',
 * which the offline PIN check needs to run argon2id (hash-wasm) in WebAssembly.
 */
export const BROWSER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Vite puts content-hashed files under assets/: their content never changes under a name. */
function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** CORS for the Electron origin only; requests without an Origin (curl, same-origin GET) pass as before. */
export async function registerCors(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCors, {
    origin: [ELECTRON_ORIGIN],
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'last-event-id', CLIENT_HEADER],
    maxAge: 600,
  });
}

/**
 * Serves the built renderer (dist/renderer) at `/` for the browser host, with a fallback to
 * index.html for client-side routes such as /pack/123. Paths under /api never fall back: a
 * wrong API path must answer 404 JSON, not a page. Does nothing if the renderer is not built.
 * One wildcard route rather than the plugin's own, because the app's not-found handler
 * (server/errors.ts) already answers the API's 404s.
 */
export async function registerStatic(app: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'renderer not built (npm run build): the server answers the API only');
    return false;
  }
  // The UI itself needs no token: it is the same for everyone and asks for one at first run.
  PUBLIC_ROUTES.add('/*');
  const base = resolve(root);
  await app.register(fastifyStatic, {
    root: base,
    serve: false,
    setHeaders(reply, path) {
      reply.header('cache-control', cacheControlFor(path));
      reply.header('x-content-type-options', 'nosniff');
      if (path.endsWith('.html')) reply.header('content-security-policy', BROWSER_CSP);
    },
  });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) throw new HttpError(404, `no route GET ${path}`);
    let rel = '';
    try {
      rel = decodeURIComponent(path).replace(/^\/+/, '');
    } catch {
      throw new HttpError(400, 'malformed path');
    }
    const file = resolve(base, rel);
    // A real file under the root is served as is; anything else is a client-side route.
    if (rel !== '' && file.startsWith(base + sep) && (await isFile(file))) {
      if (file.endsWith('.html')) reply.header('content-security-policy', BROWSER_CSP);
      return reply.sendFile(file.slice(base.length + 1));
    }
    if (/\.[a-z0-9]+$/i.test(rel)) throw new HttpError(404, `no file ${path}`);
    reply.header('content-security-policy', BROWSER_CSP);
    return reply.sendFile('index.html');
  });
  return true;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
