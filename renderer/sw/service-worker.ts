import { assetResponse, CACHE_PREFIX, kindOf, pageResponse, staleCaches } from './app-shell.ts';

/**
 * The browser host's service worker, built by vite.config.ts into /sw.js with the build's file
 * list and version (see app-shell.ts for what it does and why). Registered by main.tsx only in
 * a browser: the desktop app loads its files from app:// and needs none.
 */

declare const PACKLINE_PRECACHE: readonly string[];
declare const PACKLINE_BUILD: string;

/** The worker's events and globals this file uses (the DOM library does not describe workers). */
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { readonly request: Request; respondWith(response: Promise<Response>): void };
type WorkerScope = {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
};

function isWorkerScope(x: unknown): x is WorkerScope {
  return typeof x === 'object' && x !== null && 'skipWaiting' in x && 'clients' in x;
}
const here: unknown = globalThis;
if (!isWorkerScope(here)) throw new Error('sw.js runs only as a service worker');
const scope = here;
const fetchFn = (r: Request | string): Promise<Response> => fetch(r);
const cacheName = `${CACHE_PREFIX}${PACKLINE_BUILD}`;

scope.addEventListener('install', (event) => {
  // Every file of this build before it takes over, so a page it serves never misses a chunk.
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll([...PACKLINE_PRECACHE]))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(staleCaches(names, cacheName).map((n) => caches.delete(n))))
      .then(() => scope.clients.claim()),
  );
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const kind = kindOf(new URL(request.url), request.mode, request.method, scope.location.origin);
  if (kind === 'pass') return;
  event.respondWith(caches.open(cacheName).then((cache) => (kind === 'page' ? pageResponse(request, cache, fetchFn) : assetResponse(request, cache, fetchFn))));
});
