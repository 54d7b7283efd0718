import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';

/**
 * The UI is served from `app://packline/`, never from file://: a real origin gives the page its
 * own storage (IndexedDB for RxDB), lets CSP say `'self'`, and keeps the rest of the disk out of
 * reach of the page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'packline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `standard` + `secure` make the scheme behave like https (origin, storage, secure context). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

/** Node's URL parser gives non-special schemes an opaque `null` origin, so compare the parts. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppProtocolOptions = {
  /** The built renderer (dist/renderer). */
  readonly root: string;
  /** Asked on every response, so a new server URL takes effect on the next load. */
  readonly contentSecurityPolicy: () => string;
};

/**
 * The handler for `protocol.handle('app', …)`. Refuses anything that could leave `root`;
 * paths without an extension fall back to index.html so client-side routes survive a reload,
 * while a missing asset stays a 404 rather than HTML the browser would try to run.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(options.root);
  const respond = (status: number, body: BodyInit | null, contentType: string): Response =>
    new Response(body, {
      status,
      headers: {
        'content-type': contentType,
        'content-security-policy': options.contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  const text = (status: number, message: string) => respond(status, message, 'text/plain; charset=utf-8');

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    // Read the raw path, not URL.pathname: the parser would already have folded `..` away.
    const match = /^app:\/\/([^/?#]*)(\/[^?#]*)?/i.exec(request.url);
    if (match === null || match[1]?.toLowerCase() !== APP_HOST) return text(404, 'Not found');
    const relative = safeRelativePath(match[2] ?? '/');
    if (relative === null) return text(400, 'Bad path');

    const requested = path.resolve(root, relative === '' ? 'index.html' : relative);
    // Belt and braces: whatever the segments were, the result must still sit inside root.
    const inside = path.relative(root, requested);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return text(400, 'Bad path');

    let file = requested;
    if (!(await isFile(file))) {
      if (path.extname(relative) !== '') return text(404, 'Not found');
      file = path.join(root, 'index.html');
      if (!(await isFile(file))) return text(404, 'The Packline UI is not built: run the renderer build first.');
    }
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return respond(200, body, mimeTypeFor(file));
  };
}

/** Decoded path segments joined with '/', or null when any segment could escape or is malformed. */
export function safeRelativePath(rawPath: string): string | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || /[\\/\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments.join('/');
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
