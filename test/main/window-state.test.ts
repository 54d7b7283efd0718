import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow, readWindowState, rememberWindowState, writeWindowState } from '../../main/window-state.ts';
import { FakeWindow, recordingLog } from './fake-electron.ts';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 870 } };
/** A second monitor to the right of the laptop. */
const monitor = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

describe('window placement', () => {
  it('centres a default-sized window on first start', () => {
    expect(placeWindow(null, [laptop], laptop)).toEqual({
      bounds: { x: (1440 - DEFAULT_SIZE.width) / 2, y: (870 - DEFAULT_SIZE.height) / 2, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
      maximized: false,
    });
  });

  it('puts the window back exactly where it was when that screen is still there', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(placeWindow(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('brings a window back from a monitor that has been unplugged', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: { x: 120, y: 35, width: 1200, height: 800 }, maximized: false });
  });

  it('shrinks a window larger than the screen it is on, and keeps it maximised', () => {
    const saved = { bounds: { x: 1500, y: 20, width: 2400, height: 1300 }, maximized: true };
    expect(placeWindow(saved, [laptop], laptop).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
    expect(placeWindow(saved, [laptop], laptop).maximized).toBe(true);
  });

  it('pulls a window hanging off the edge fully onto the screen', () => {
    const saved = { bounds: { x: -300, y: 600, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop], laptop).bounds).toEqual({ x: 0, y: 170, width: 1000, height: 700 });
  });

  it('keeps a sliver of overlap from counting as reachable', () => {
    const saved = { bounds: { x: 1400, y: 850, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop], laptop).bounds).toEqual({ x: 220, y: 85, width: 1000, height: 700 });
  });
});

describe('window state file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-window-'));
    file = path.join(dir, 'window-state.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips', async () => {
    const state = { bounds: { x: 10, y: 20, width: 1300, height: 820 }, maximized: true };
    writeWindowState(file, state);
    expect(await readWindowState(file)).toEqual(state);
  });

  it('ignores a missing or damaged file', async () => {
    expect(await readWindowState(file)).toBeNull();
    await writeFile(file, '{"bounds":{"x":"left"}}');
    expect(await readWindowState(file)).toBeNull();
    await writeFile(file, 'not json');
    expect(await readWindowState(file)).toBeNull();
  });

  it('saves the normal bounds and maximised state when the window closes', async () => {
    const window = new FakeWindow({ x: 50, y: 60, width: 1280, height: 800 });
    rememberWindowState(window, file, recordingLog().log);
    window.maximize();
    window.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ bounds: { x: 50, y: 60, width: 1280, height: 800 }, maximized: true });
  });
});
