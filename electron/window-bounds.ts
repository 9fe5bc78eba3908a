import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The window's size and place, remembered across restarts in a small JSON file in userData. A
 * saved place is used only if the window would still show on one of today's displays: a monitor
 * unplugged since must not leave the window somewhere nobody can see or grab it.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds extends Rectangle {
  maximized: boolean;
}

/** What the window opens with when nothing usable was saved. */
export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 960 };
/** The narrowest layout the explorer is designed for (1024 px), with some room for the frame. */
export const MIN_WINDOW_SIZE = { width: 800, height: 600 };
/** Enough of the title bar on a screen to grab and drag the window back. */
const GRAB_WIDTH = 100;
const GRAB_HEIGHT = 40;

const coordinate = z.number().int().min(-100_000).max(100_000);
const boundsSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(100_000),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(100_000),
  maximized: z.boolean(),
});

/** The top strip of the window lies, far enough, inside one display's work area. */
export function isOnAVisibleDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some((area) => {
    const overlapWidth = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const titleBarInside = bounds.y >= area.y && bounds.y + GRAB_HEIGHT <= area.y + area.height;
    return titleBarInside && overlapWidth >= GRAB_WIDTH;
  });
}

/**
 * The saved bounds if they are valid and would show on one of `workAreas` (Electron's
 * screen.getAllDisplays().map((d) => d.workArea)); otherwise undefined, and the window opens at
 * its default size, centred. A missing or damaged file is no reason not to start.
 */
export async function readWindowBounds(file: string, workAreas: readonly Rectangle[]): Promise<WindowBounds | undefined> {
  let saved: unknown;
  try {
    saved = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = boundsSchema.safeParse(saved);
  if (!parsed.success || !isOnAVisibleDisplay(parsed.data, workAreas)) return undefined;
  return parsed.data;
}

/** Written to a temporary file first, so a crash mid-write leaves the old bounds, not half a file. */
export async function saveWindowBounds(file: string, bounds: WindowBounds): Promise<void> {
  const rounded = { ...bounds, x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) };
  if (!boundsSchema.safeParse(rounded).success) return;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(rounded)}\n`, { mode: 0o600 });
  await rename(partial, file);
}
