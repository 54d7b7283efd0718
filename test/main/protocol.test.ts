import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl, mimeTypeFor, safeRelativePath } from '../../main/protocol.ts';

const CSP = "default-src 'self'; script-src 'self'";

describe('app:// protocol', () => {
  let base: string;
  let handler: (request: Request) => Promise<Response>;
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'packline-protocol-'));
    const root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Packline</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("hi")');
    await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(path.join(root, 'assets', 'logo.svg'), '<svg/>');
    await writeFile(path.join(root, 'assets', 'inter.woff2'), 'font');
    await writeFile(path.join(root, 'assets', 'sql.wasm'), 'wasm');
    await writeFile(path.join(root, 'assets', 'scan.mp3'), 'beep');
    await writeFile(path.join(root, 'assets', 'data.bin'), 'bin');
    // Outside the root: what a traversal would try to read.
    await writeFile(path.join(base, 'secret.txt'), 'station token');
    handler = createAppProtocolHandler({ root, contentSecurityPolicy: () => CSP });
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves index.html for the root with the CSP header', async () => {
    const response = await get('app://packline/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Packline</title>');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/sql.wasm', 'application/wasm'],
    ['assets/scan.mp3', 'audio/mpeg'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://packline/${file}?v=3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it('falls back to index.html for client-side routes', async () => {
    const response = await get('app://packline/orders/018f2c3e');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Packline</title>');
  });

  it('answers 404 for a missing asset instead of HTML the page would try to run', async () => {
    const response = await get('app://packline/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it.each([
    'app://packline/..%2fsecret.txt',
    'app://packline/%2E%2E%2Fsecret.txt',
    'app://packline/assets/..%2f..%2fsecret.txt',
    'app://packline/..%5csecret.txt',
    'app://packline/assets%5c..%5c..%5csecret.txt',
    'app://packline/%00index.html',
    'app://packline/C:%2fWindows%2fwin.ini',
    'app://packline/%E0%A4%A',
  ])('refuses the traversal %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('station token');
  });

  it('stays inside the root when the URL parser has already folded a dotted segment away', async () => {
    // `%2e%2e/` is `../` to the URL parser, which resolves it before the handler sees the URL.
    const response = await get('app://packline/%2e%2e/secret.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('station token');
  });

  it('serves only its own host', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get('app://packline/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://packline/index.html', 'POST')).status).toBe(405);
  });

  it('registers the scheme as standard and secure so the page gets a real origin and storage', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
  });
});

describe('protocol helpers', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://packline/index.html')).toBe(true);
    expect(isAppUrl('app://packline')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://packline/index.html')).toBe(false);
    expect(isAppUrl('nonsense')).toBe(false);
  });

  it('normalises harmless segments and rejects dangerous ones', () => {
    expect(safeRelativePath('/assets/./app.js')).toBe('assets/app.js');
    expect(safeRelativePath('//assets//app.js')).toBe('assets/app.js');
    expect(safeRelativePath('/a/../b')).toBeNull();
    expect(safeRelativePath('/fonts/Inter%20Var.woff2')).toBe('fonts/Inter Var.woff2');
  });

  it('maps extensions case-insensitively', () => {
    expect(mimeTypeFor('/x/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});
