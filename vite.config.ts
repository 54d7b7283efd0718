import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * The renderer bundle for both hosts: Electron loads it from app://packline, the server serves
 * it at /. Both are origin roots, so a root-absolute base serves either and lets a deep link
 * such as /pack/<id> reload; no inline scripts or module preload polyfill, so a
 * CSP of `script-src 'self'` holds.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
