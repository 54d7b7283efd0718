import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rectangle } from 'electron';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { DisplayHost, WindowHost } from './electron-host.ts';
import type { Log } from './logging.ts';

/**
 * The window opens where the packer left it: bounds and maximised state in
 * `<userData>/window-state.json`, moved back onto a screen when that monitor has gone.
 */

export type WindowState = { bounds: Rectangle; maximized: boolean };

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 600 } as const;
/** How much of the window must overlap a screen to count as reachable (room to grab the title bar). */
const MIN_VISIBLE = 100;

const Int = Type.Integer({ minimum: -100_000, maximum: 100_000 });
const StoredState = Compile(
  Type.Object({
    bounds: Type.Object({ x: Int, y: Int, width: Int, height: Int }),
    maximized: Type.Boolean(),
  }),
);

export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return StoredState.Check(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Synchronous: it runs in the window's `close` handler, and the process may exit right after. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function centredIn(area: Rectangle, width: number, height: number): Rectangle {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
}

/**
 * Keep the saved window on a screen that still exists: on the screen it overlaps most, shrunk to
 * fit and moved fully inside; if it no longer overlaps any screen enough, centred on the primary.
 */
export function placeWindow(saved: WindowState | null, displays: readonly DisplayHost[], primary: DisplayHost): WindowState {
  if (saved === null) return { bounds: centredIn(primary.workArea, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  const { bounds } = saved;
  let best: Rectangle | null = null;
  let bestOverlap = 0;
  for (const display of displays) {
    const area = overlap(bounds, display.workArea);
    if (area > bestOverlap) {
      best = display.workArea;
      bestOverlap = area;
    }
  }
  const reachable = Math.min(MIN_VISIBLE, bounds.width) * Math.min(MIN_VISIBLE, bounds.height);
  if (best === null || bestOverlap < reachable) {
    return { bounds: centredIn(primary.workArea, bounds.width, bounds.height), maximized: saved.maximized };
  }
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), best.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), best.height);
  const x = Math.min(Math.max(bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(bounds.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** Save the normal (un-maximised) bounds on close, so un-maximising later restores a sane size. */
export function rememberWindowState(window: WindowHost, file: string, log: Log): void {
  window.on('close', () => {
    try {
      writeWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      log.warn({ err: error }, 'Could not save the window position');
    }
  });
}
