import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log/logger.ts';
import {
  DEFAULT_SIZE,
  loadWindowState,
  placeWindow,
  saveWindowState,
} from '../../../main/shell/window-state.ts';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('placing the window', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({
      x: (1440 - DEFAULT_SIZE.width) / 2,
      y: 25 + Math.round((875 - DEFAULT_SIZE.height) / 2),
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });

  it('reopens where it was left on a display that is still attached', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 900, maximized: true };
    expect(placeWindow(saved, [laptop, monitorRight])).toEqual(saved);
  });

  it('moves back to the primary display when its display was unplugged', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({
      x: 120,
      y: 63,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('pulls a window hanging off the edge back inside the work area', () => {
    const saved = { x: 1000, y: -50, width: 1000, height: 700, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({
      x: 440,
      y: 25,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('shrinks a window larger than the display it is on', () => {
    const saved = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ ...laptop, maximized: false });
  });

  it('ignores a sliver on a display: less than a grabbable part visible counts as off-screen', () => {
    const saved = { x: 1400, y: 100, width: 800, height: 600, maximized: false };
    // 40 px on the laptop, 760 px on the monitor: it goes to the monitor.
    expect(placeWindow(saved, [laptop, monitorRight])).toMatchObject({ x: 1440, y: 100 });
  });
});

describe('remembering the window state in userData', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'clawster-window-'));
    dirs.push(d);
    return d;
  };

  it('reads back what it saved', () => {
    const dir = tmp();
    expect(loadWindowState(dir, silentLogger)).toBe(null);
    saveWindowState(dir, { x: 10.4, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(dir, silentLogger)).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('starts with defaults when the file is damaged or invalid', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'window-state.json'), '{not json');
    expect(loadWindowState(dir, silentLogger)).toBe(null);
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ x: 0, y: 0, width: -5, height: 10 }));
    expect(loadWindowState(dir, silentLogger)).toBe(null);
  });
});
