import { describe, expect, it } from 'vitest';
import {
  appWebPreferences,
  contentSecurityPolicy,
  DEFAULT_EXTERNAL_HOSTS,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
} from '../../main/security.ts';
import { FakeSession, FakeWebContents, recordingLog } from './fake-electron.ts';

function hardened(hosts: readonly string[] = ['www.ups.com']) {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  const { log, entries } = recordingLog();
  hardenWebContents(contents, {
    externalHosts: () => hosts,
    openExternal: async (url) => {
      opened.push(url);
    },
    log,
  });
  return { contents, opened, entries };
}

describe('window hardening', () => {
  it('runs the page isolated, sandboxed, without Node or webviews', () => {
    expect(appWebPreferences('/app/dist/main/preload.cjs', { devTools: false })).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });

  it.each([
    ['will-navigate', 'https://evil.example/'],
    ['will-navigate', 'file:///etc/passwd'],
    ['will-navigate', 'http://localhost:3000/'],
    ['will-navigate', 'app://packline.evil/index.html'],
    ['will-frame-navigate', 'https://evil.example/frame'],
    ['will-redirect', 'https://evil.example/after-redirect'],
  ] as const)('prevents %s to %s', (kind, url) => {
    const { contents, entries } = hardened();
    expect(contents.navigate(kind, url)).toBe(true);
    expect(entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Blocked navigation away from the app' }));
  });

  it('lets the app move between its own pages', () => {
    const { contents } = hardened();
    expect(contents.navigate('will-navigate', 'app://packline/orders/123')).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'app://packline/index.html#/pack')).toBe(false);
  });

  it('prevents <webview> from attaching', () => {
    expect(hardened().contents.attachWebview()).toBe(true);
  });

  it('denies window.open, and hands allow-listed https links to the browser', async () => {
    const { contents, opened } = hardened(['www.ups.com']);
    expect(contents.openWindow('https://www.ups.com/track?tracknum=1Z999')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://www.ups.com/track')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://packline/popup')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://www.ups.com/track?tracknum=1Z999']);
  });
});

describe('external link allow-list', () => {
  const hosts = ['www.ups.com', 'oms.example.com'];
  it.each([
    ['https://www.ups.com/track?n=1', true],
    ['https://WWW.UPS.COM/track', true],
    ['https://oms.example.com/help', true],
    ['http://www.ups.com/track', false],
    ['https://ups.com/track', false],
    ['https://www.ups.com.evil.example/', false],
    ['https://evil.example/?u=https://www.ups.com', false],
    ['https://user:pass@www.ups.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(allowed);
  });

  it('ships with carrier tracking hosts, all exact names', () => {
    expect(DEFAULT_EXTERNAL_HOSTS).toContain('www.ups.com');
    for (const host of DEFAULT_EXTERNAL_HOSTS) expect(host).toMatch(/^[a-z0-9.-]+$/);
  });
});

function hardenedSession(): FakeSession {
  const s = new FakeSession();
  hardenSession(s, recordingLog().log);
  return s;
}

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal', 'display-capture'])(
    'denies %s, even to the app itself',
    async (permission) => {
      const s = hardenedSession();
      expect(await s.requestPermission(permission, 'app://packline/index.html')).toBe(false);
      expect(s.checkPermission(permission, 'app://packline')).toBe(false);
    },
  );

  it('grants persistent storage to the app only, so unsynced offline work is not evicted', async () => {
    const s = hardenedSession();
    expect(await s.requestPermission('persistent-storage', 'app://packline/index.html')).toBe(true);
    expect(s.checkPermission('persistent-storage', 'app://packline')).toBe(true);
    expect(await s.requestPermission('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(s.checkPermission('persistent-storage', 'https://evil.example')).toBe(false);
  });
});

describe('content security policy', () => {
  it('is strict, and lets the page connect only to itself and the configured server', () => {
    const csp = contentSecurityPolicy('https://oms.example.com');
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'connect-src': "'self' https://oms.example.com",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it('allows no other origin before the station is configured', () => {
    expect(contentSecurityPolicy(null)).toContain("connect-src 'self';");
  });
});
