import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { buildVersion, precacheList } from './renderer/sw/app-shell.ts';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/** package.json's version, shown in Settings (the desktop app reports its own through the bridge). */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * /sw.js, the browser host's offline app shell (renderer/sw): bundled on its own, with this
 * build's file list and a version named after it, so a new build replaces the old files.
 */
function appShellWorker(): Plugin {
  return {
    name: 'packline-app-shell-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const files = precacheList(Object.keys(bundle));
      const out = await esbuild({
        entryPoints: [fileURLToPath(new URL('./renderer/sw/service-worker.ts', import.meta.url))],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'chrome140',
        minify: true,
        define: { PACKLINE_PRECACHE: JSON.stringify(files), PACKLINE_BUILD: JSON.stringify(buildVersion(files)) },
      });
      const code = out.outputFiles[0]?.text;
      if (code === undefined) throw new Error('the service worker did not build');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
    },
  };
}

/**
 * The renderer bundle for both hosts: Electron loads it from app://packline, the server serves
 * it at /. Both are origin roots, so a root-absolute base serves either and lets a deep link
 * such as /pack/<id> reload; no inline scripts or module preload polyfill, so a
 * CSP of `script-src 'self'` holds.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), appShellWorker()],
  define: { PACKLINE_VERSION: JSON.stringify(packageVersion()) },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome140',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  server: { port: 5173, strictPort: true },
});
