import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME } from './deep-links.js';

/** electron-builder is not installed here (it downloads Electron and its tools): its config is checked against the repository instead. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as {
  protocols: { name: string; schemes: string[] }[];
  icon: string;
  extraMetadata: { main: string };
  extraResources: { from: string; to: string }[];
};

describe('the desktop packaging configuration', () => {
  it('registers the scheme the app takes deep links on, so an installed app gets authlab:// redirects', () => {
    expect(config.protocols.flatMap((protocol) => protocol.schemes)).toEqual([DEEP_LINK_SCHEME]);
  });

  it('starts the built main process, with an icon and the README it names', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
    expect(existsSync(join(root, config.icon))).toBe(true);
    // the Help menu opens it from the resources directory
    expect(config.extraResources).toContainEqual({ from: 'README.md', to: 'README.md' });
  });

  it('has an icon large enough for every platform’s sizes (512 × 512 PNG)', () => {
    const png = readFileSync(join(root, config.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
