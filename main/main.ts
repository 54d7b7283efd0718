import path from 'node:path';
import { startApp } from './app.ts';
import { loadElectron } from './electron-host.ts';
import { createLogger } from './logging.ts';

/**
 * The Electron entry, bundled to dist/main/main.cjs next to preload.cjs; the built UI is in
 * dist/renderer. Everything that can be tested lives in app.ts, behind the Electron seam.
 */
async function main(): Promise<void> {
  const electron = await loadElectron();
  const { app } = electron;
  // Set before anything reads userData. An unpackaged build keeps its data apart from an
  // installed Packline's; PACKLINE_USER_DATA gives a test run (or support) its own folder.
  const userData = process.env.PACKLINE_USER_DATA;
  if (userData !== undefined && userData !== '') app.setPath('userData', path.resolve(userData));
  else if (!app.isPackaged) app.setPath('userData', path.join(app.getPath('appData'), 'Packline (dev)'));

  // Only an unpackaged build may be pointed at another UI folder (tests, renderer development).
  const rendererOverride = app.isPackaged ? undefined : process.env.PACKLINE_RENDERER_DIR;
  const running = startApp(electron, {
    preload: path.join(__dirname, 'preload.cjs'),
    rendererRoot: rendererOverride ? path.resolve(rendererOverride) : path.join(__dirname, '..', 'renderer'),
    versions: { electron: process.versions.electron, chrome: process.versions.chrome, platform: process.platform },
    createLog: (dir) => createLogger({ dir, level: process.env.PACKLINE_LOG_LEVEL ?? 'info' }),
    env: process.env,
  });
  await running.ready;
}

main().catch((error: unknown) => {
  console.error('Packline could not start:', error);
  process.exit(1);
});
