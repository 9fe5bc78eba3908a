import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Renders the app icon's PNG (electron/icon/icon.png, checked in) from its one source, the
 * explorer's favicon (renderer/public/favicon.svg), in headless Chromium. Run again after changing
 * the SVG: npx tsx electron/icon/render-icon.ts. 512 px is what electron-builder derives every
 * platform's icon sizes from.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZE = 512;
const svg = readFileSync(join(root, 'renderer/public/favicon.svg'));
const { chromium } = await import('@playwright/test');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await page.setContent(
    `<body style="margin:0"><img width="${SIZE}" height="${SIZE}" style="display:block" src="data:image/svg+xml;base64,${svg.toString('base64')}"></body>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  // transparent outside the rounded square, as platform icons are
  const png = await page.locator('img').screenshot({ omitBackground: true });
  writeFileSync(join(root, 'electron/icon/icon.png'), png);
  process.stdout.write(`authlab: wrote electron/icon/icon.png (${SIZE}×${SIZE}, ${png.byteLength} bytes)\n`);
} finally {
  await browser.close();
}
