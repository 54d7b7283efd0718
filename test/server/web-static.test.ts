import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../server/errors.ts';
import { BROWSER_CSP, registerCors, registerStatic } from '../../server/web/static.ts';

describe('serving the built renderer', () => {
  let app: FastifyInstance;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'packline-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Packline</title>');
    writeFileSync(join(root, 'assets/index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, '..', 'secret.txt'), 'not for the web');
    app = Fastify();
    installErrorHandler(app, 1024 * 1024);
    await registerCors(app);
    app.get('/api/v1/ping', async () => ({ ok: true }));
    if (!(await registerStatic(app, root))) throw new Error('registerStatic found no index.html');
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', 'secret.txt'), { force: true });
  });

  it('serves index.html at / with the CSP and no long caching', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Packline</title>');
    expect(res.headers['content-security-policy']).toBe(BROWSER_CSP);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/pack/0192-abc?x=1' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Packline</title>');
  });

  it('caches hashed assets for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 JSON, not the page, for unknown API paths and missing files', async () => {
    for (const url of ['/api/v1/nothing', '/assets/missing.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.json<{ message: string }>().message).toMatch(/no (route|file)/);
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ ok: true });
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(`${url}: ${res.body}`).not.toContain('not for the web');
    }
  });

  it('allows the desktop app origin, and only it, cross-origin', async () => {
    const ok = await app.inject({ method: 'OPTIONS', url: '/api/v1/ping', headers: { origin: 'app://packline', 'access-control-request-method': 'GET' } });
    expect(ok.headers['access-control-allow-origin']).toBe('app://packline');
    const other = await app.inject({ method: 'OPTIONS', url: '/api/v1/ping', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
