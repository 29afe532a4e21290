import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 560 };
/** How much of a window must stay on a display for its saved position to be kept. */
const MIN_VISIBLE = { width: 160, height: 80 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clampInto(r: { width: number; height: number; x: number; y: number }, area: Rect): Rect {
  const width = Math.min(r.width, area.width);
  const height = Math.min(r.height, area.height);
  return {
    width,
    height,
    x: Math.min(Math.max(r.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(r.y, area.y), area.y + area.height - height),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    width,
    height,
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
  };
}

/**
 * Where to open the window: the saved bounds when enough of them is on a display still
 * attached (clamped into that display's work area), else the default size centred on the
 * primary display. `workAreas[0]` is the primary display.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (saved) {
    const best = workAreas
      .map((area) => ({ area, o: overlap(saved, area) }))
      .filter(({ o }) => o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height)
      .toSorted((a, b) => b.o.width * b.o.height - a.o.width * a.o.height)[0];
    if (best) return { ...clampInto(saved, best.area), maximized: saved.maximized };
    return { ...centred(saved, primary), maximized: saved.maximized };
  }
  return { ...centred(DEFAULT_SIZE, primary), maximized: false };
}

const FILE = 'window-state.json';

export function loadWindowState(userData: string, log: Logger): WindowState | null {
  return readJsonFile(join(userData, FILE), windowStateSchema.nullable(), null, log);
}

export function saveWindowState(userData: string, state: WindowState): void {
  writeJsonFile(join(userData, FILE), {
    x: Math.round(state.x),
    y: Math.round(state.y),
    width: Math.round(state.width),
    height: Math.round(state.height),
    maximized: state.maximized,
  });
}
