/**
 * The browser host's offline app shell: what the service worker (service-worker.ts) does with
 * each request, kept apart from the worker's globals so it can be tested in Node.
 *
 * A station in a browser must open again with the network gone, as the desktop app does from
 * its own files. The built files are kept in a cache named after the build; pages are asked of
 * the network first (a new build shows up at once) and come from the cache when the network is
 * gone or too slow; the built assets, whose names carry their content's hash, come from the
 * cache. The API is never touched: sync reads and writes the server itself and says when it
 * cannot.
 */

export const CACHE_PREFIX = 'packline-shell-';
/** A page the network has not answered in this long comes from the cache (a network that lies). */
export const NAVIGATION_TIMEOUT_MS = 3000;
/** Where the app's page is kept: every route (/pack/…, /orders/…) is this page. */
export const SHELL_PAGE = '/index.html';

export type RequestKind = 'page' | 'asset' | 'pass';

/** What to do with a request: same-origin pages and built files; everything else goes by. */
export function kindOf(url: URL, mode: string, method: string, origin: string): RequestKind {
  if (method !== 'GET' || url.origin !== origin || url.pathname.startsWith('/api/')) return 'pass';
  if (mode === 'navigate') return 'page';
  if (url.pathname.startsWith('/assets/') || url.pathname === SHELL_PAGE) return 'asset';
  return 'pass';
}

/** The files of a build the shell needs offline: the page and every built asset but source maps. */
export function precacheList(files: readonly string[]): string[] {
  const assets = files.filter((f) => f.startsWith('assets/') && !f.endsWith('.map')).map((f) => `/${f}`);
  return [SHELL_PAGE, ...assets.sort()];
}

/** A short, stable name for a build, from its file names (they carry content hashes). */
export function buildVersion(files: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of [...files].sort().join('\n')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The parts of the Cache API the shell uses (a real Cache in the worker, a map in tests). */
export type ShellCache = {
  match(request: Request | string, options?: { ignoreVary?: boolean }): Promise<Response | undefined>;
  put(request: Request | string, response: Response): Promise<void>;
};

export type Fetch = (request: Request | string) => Promise<Response>;

/**
 * A page: the network's answer if it comes in time, else the kept app page. A page the
 * network answered is kept as the app page (every route serves the same index.html).
 */
export async function pageResponse(request: Request, cache: ShellCache, fetchFn: Fetch, timeoutMs = NAVIGATION_TIMEOUT_MS): Promise<Response> {
  const network = fetchFn(request).then(async (res) => {
    if (res.ok) await cache.put(SHELL_PAGE, res.clone());
    return res;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    const first = await Promise.race([network, late]);
    if (first !== 'late') return first;
  } catch {
    // Offline: the kept page.
  } finally {
    clearTimeout(timer);
  }
  const kept = await cache.match(SHELL_PAGE, { ignoreVary: true });
  if (kept !== undefined) return kept;
  // Nothing kept yet (the very first visit): wait for the network after all.
  return network;
}

/**
 * A built asset: the kept copy, else the network's (kept for next time). Module scripts are
 * asked for with an Origin header and the server answers `Vary: Origin` (CORS for the desktop
 * app), which would keep a copy fetched without one from ever matching: the URL decides.
 */
export async function assetResponse(request: Request, cache: ShellCache, fetchFn: Fetch): Promise<Response> {
  const kept = await cache.match(request.url, { ignoreVary: true });
  if (kept !== undefined) return kept;
  const res = await fetchFn(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

/** Caches of earlier builds, to delete once this one is active. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}
