import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOnAVisibleDisplay, readWindowBounds, saveWindowBounds } from './window-bounds.js';

const dir = mkdtempSync(join(tmpdir(), 'authlab-window-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const nextFile = () => join(dir, `window-${files++}.json`);

/** A laptop screen, and a monitor to its right (the menu bar takes the laptop's top 25 px). */
const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('remembered window bounds', () => {
  it('come back as saved, maximised or not', async () => {
    const file = nextFile();
    await saveWindowBounds(file, { x: 1600, y: 100, width: 1280, height: 900, maximized: true });
    expect(await readWindowBounds(file, [laptop, monitor])).toEqual({ x: 1600, y: 100, width: 1280, height: 900, maximized: true });
  });

  it('are dropped when the display they were on is gone', async () => {
    const file = nextFile();
    await saveWindowBounds(file, { x: 1600, y: 100, width: 1280, height: 900, maximized: false });
    expect(await readWindowBounds(file, [laptop])).toBeUndefined();
  });

  it('are dropped when the title bar would sit above the screen or only a sliver would show', () => {
    expect(isOnAVisibleDisplay({ x: 100, y: 0, width: 1000, height: 800 }, [laptop])).toBe(false);
    expect(isOnAVisibleDisplay({ x: 1400, y: 100, width: 1000, height: 800 }, [laptop])).toBe(false);
    expect(isOnAVisibleDisplay({ x: 1300, y: 100, width: 1000, height: 800 }, [laptop])).toBe(true);
    expect(isOnAVisibleDisplay({ x: -900, y: 100, width: 1000, height: 800 }, [laptop])).toBe(true);
  });

  it('are ignored when the file is missing, not JSON, or holds something else', async () => {
    expect(await readWindowBounds(join(dir, 'none.json'), [laptop])).toBeUndefined();
    for (const content of ['{', '"x"', JSON.stringify({ x: 10, y: 40, width: 1000 }), JSON.stringify({ x: 10, y: 40, width: 50, height: 50, maximized: false }), JSON.stringify({ x: 10.5, y: 40, width: 1000, height: 800, maximized: false })]) {
      const file = nextFile();
      writeFileSync(file, content);
      expect(await readWindowBounds(file, [laptop])).toBeUndefined();
    }
  });

  it('are saved as whole pixels, in a file only the user can read', async () => {
    const file = nextFile();
    await saveWindowBounds(file, { x: 10.4, y: 40.6, width: 1000.2, height: 800, maximized: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 41, width: 1000, height: 800, maximized: false });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });
});
