import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/**
 * Bundles the main process and the preload into self-contained CommonJS files in dist/main:
 * `tsx main/build.ts`. Only 'electron' stays external (Electron provides it at run time), so
 * the packaged app needs no node_modules. CommonJS because the package is `"type": "module"`
 * and a sandboxed preload cannot be an ES module.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildMain(options: { minify?: boolean } = {}): Promise<string[]> {
  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: true,
    minify: options.minify ?? false,
    legalComments: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
  };
  const outputs = [path.join(root, 'dist/main/main.cjs'), path.join(root, 'dist/main/preload.cjs')];
  await Promise.all([
    // Electron 45 ships Node 22. `dynamic-import: false` turns loadElectron's import('electron')
    // into require('electron'), the CommonJS way Electron's main process documents.
    build({ ...common, entryPoints: ['main/main.ts'], outfile: outputs[0], platform: 'node', target: 'node22', supported: { 'dynamic-import': false } }),
    // The sandboxed preload has no Node: Chromium 140 in a browser-like context.
    build({ ...common, entryPoints: ['main/preload.ts'], outfile: outputs[1], platform: 'browser', target: 'chrome140' }),
  ]);
  return outputs;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildMain({ minify: process.argv.includes('--minify') })
    .then((files) => console.log(`Built ${files.map((f) => path.relative(root, f)).join(', ')}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
