import { describe, expect, it, vi } from 'vitest';
import { assetResponse, buildVersion, CACHE_PREFIX, kindOf, pageResponse, precacheList, SHELL_PAGE, staleCaches, type ShellCache } from '../../renderer/sw/app-shell.ts';

const ORIGIN = 'http://127.0.0.1:8080';

function key(r: Request | string): string {
  return new URL(typeof r === 'string' ? r : r.url, ORIGIN).href;
}

/** A Cache by URL; `matches` records the options each lookup used. */
function memoryCache(): ShellCache & { urls(): string[]; matches: ({ ignoreVary?: boolean } | undefined)[] } {
  const kept = new Map<string, Response>();
  const matches: ({ ignoreVary?: boolean } | undefined)[] = [];
  return {
    matches,
    match: async (r, options) => {
      matches.push(options);
      return kept.get(key(r))?.clone();
    },
    put: async (r, res) => {
      kept.set(key(r), res);
    },
    urls: () => [...kept.keys()],
  };
}

const page = (path = '/pack/123') => new Request(`${ORIGIN}${path}`);

describe('the browser’s offline app shell', () => {
  it('handles the app’s pages and built files, and never the API or other sites', () => {
    expect(kindOf(new URL(`${ORIGIN}/orders/abc`), 'navigate', 'GET', ORIGIN)).toBe('page');
    expect(kindOf(new URL(`${ORIGIN}/assets/index-abc.js`), 'cors', 'GET', ORIGIN)).toBe('asset');
    expect(kindOf(new URL(`${ORIGIN}/api/v1/sync/orders/pull`), 'cors', 'GET', ORIGIN)).toBe('pass');
    expect(kindOf(new URL(`${ORIGIN}/api/v1/docs`), 'navigate', 'GET', ORIGIN)).toBe('pass');
    expect(kindOf(new URL(`${ORIGIN}/assets/index-abc.js`), 'cors', 'POST', ORIGIN)).toBe('pass');
    expect(kindOf(new URL('https://elsewhere.example/assets/x.js'), 'cors', 'GET', ORIGIN)).toBe('pass');
  });

  it('keeps every built file but source maps, under a version that changes with the build', () => {
    const build = ['assets/index-a1.js', 'assets/index-a1.js.map', 'assets/index-b2.css', 'index.html', 'sw.js'];
    expect(precacheList(build)).toEqual([SHELL_PAGE, '/assets/index-a1.js', '/assets/index-b2.css']);
    expect(buildVersion(precacheList(build))).toBe(buildVersion(precacheList([...build].reverse())));
    expect(buildVersion(precacheList(build))).not.toBe(buildVersion(precacheList(['assets/index-a2.js', 'assets/index-b2.css'])));
    expect(staleCaches([`${CACHE_PREFIX}old`, `${CACHE_PREFIX}new`, 'someone-else'], `${CACHE_PREFIX}new`)).toEqual([`${CACHE_PREFIX}old`]);
  });

  it('asks the network for a page first and keeps it as the app page', async () => {
    const cache = memoryCache();
    const res = await pageResponse(page(), cache, () => Promise.resolve(new Response('<html>new build</html>')));
    expect(await res.text()).toBe('<html>new build</html>');
    expect(cache.urls()).toEqual([`${ORIGIN}${SHELL_PAGE}`]);
  });

  it('serves the kept page when the network is gone, or too slow, for any route', async () => {
    const cache = memoryCache();
    await cache.put(SHELL_PAGE, new Response('<html>kept</html>'));
    const offline = await pageResponse(page('/orders/42'), cache, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await offline.text()).toBe('<html>kept</html>');
    vi.useFakeTimers();
    try {
      const hanging = pageResponse(page(), cache, () => new Promise<Response>(() => {}), 3000);
      await vi.advanceTimersByTimeAsync(3000);
      expect(await (await hanging).text()).toBe('<html>kept</html>');
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails a first visit with the network gone, having nothing to serve', async () => {
    await expect(pageResponse(page(), memoryCache(), () => Promise.reject(new TypeError('Failed to fetch')))).rejects.toThrow('Failed to fetch');
  });

  it('serves a built file from the cache by its URL whatever the request’s headers, else fetches and keeps it', async () => {
    const cache = memoryCache();
    const fetchFn = vi.fn<(r: Request | string) => Promise<Response>>(() => Promise.resolve(new Response('code()', { headers: { vary: 'Origin' } })));
    const asked = new Request(`${ORIGIN}/assets/index-a1.js`, { headers: { origin: ORIGIN } });
    expect(await (await assetResponse(asked, cache, fetchFn)).text()).toBe('code()');
    expect(await (await assetResponse(asked, cache, fetchFn)).text()).toBe('code()');
    expect(fetchFn).toHaveBeenCalledOnce();
    // A module script carries an Origin header and the server varies on it: the URL decides.
    expect(cache.matches.every((o) => o?.ignoreVary === true)).toBe(true);
  });

  it('does not keep a failed answer', async () => {
    const cache = memoryCache();
    await assetResponse(new Request(`${ORIGIN}/assets/gone.js`), cache, () => Promise.resolve(new Response('not found', { status: 404 })));
    expect(cache.urls()).toEqual([]);
  });
});
