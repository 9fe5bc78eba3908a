import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebPreferences } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AuthlabBridge } from './bridge-api.js';
import { findElectronBinary } from './electron-binary.js';
import { ENCRYPTION_UNAVAILABLE_MESSAGE } from './secure-storage.js';

/**
 * The real app in the real Electron, driven by Playwright. Runs wherever the Electron binary is
 * installed; reports itself skipped, saying which path it checked, where it is not.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binary = findElectronBinary(root);
const builtFiles = ['dist/electron/main.js', 'dist/electron/preload.js', 'dist/renderer/index.html', 'dist/emulator/index.js'];

type PageWindow = Window & { authlab: AuthlabBridge; require?: unknown; process?: unknown; module?: unknown };

describe('the desktop app', () => {
  it('launches hardened, exposes only the bridge, and keeps a token through it', async (ctx) => {
    ctx.skip(!binary.found, `Electron binary not installed: ${binary.checked}`);
    const missing = builtFiles.filter((file) => !existsSync(join(root, file)));
    if (missing.length) throw new Error(`build the app first (npm run build:renderer && npm run build:electron); missing ${missing.join(', ')}`);

    const { _electron } = await import('@playwright/test');
    const userData = mkdtempSync(join(tmpdir(), 'authlab-launch-'));
    const app = await _electron.launch({
      executablePath: binary.checked,
      // Chromium refuses its OS sandbox as root (containers, CI); the renderer's `sandbox: true` still applies
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), join(root, 'dist/electron/main.js')],
      env: { ...process.env, AUTHLAB_USER_DATA_DIR: userData, AUTHLAB_BCRYPT_COST: '4' } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://authlab/_/index.html');

      // webPreferences as the main process holds them (an undocumented getter: checked only where present)
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences?: () => WebPreferences | null };
        return contents.getLastWebPreferences?.() ?? null;
      });
      if (prefs) {
        expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
      }

      // what the page can reach: no Node, only the bridge
      expect(
        await page.evaluate(() => {
          const w = window as unknown as PageWindow;
          return { require: typeof w.require, process: typeof w.process, module: typeof w.module, bridge: Object.keys(w.authlab).sort() };
        }),
      ).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['connection', 'emulator', 'openExternal', 'redirect', 'storage'] });

      // a token round-trips through the bridge; without an OS keychain (headless Linux) the refusal is the right answer
      const outcome = await page.evaluate(async () => {
        const { storage } = (window as unknown as PageWindow).authlab;
        try {
          await storage.setItem('sb-127-auth-token', '{"access_token":"a.b.c","refresh_token":"r"}');
          return { stored: await storage.getItem('sb-127-auth-token') };
        } catch (e) {
          return { refused: String(e) };
        }
      });
      if ('refused' in outcome) expect(outcome.refused).toContain(ENCRYPTION_UNAVAILABLE_MESSAGE);
      else expect(outcome.stored).toBe('{"access_token":"a.b.c","refresh_token":"r"}');

      // main rejects what the contract does not allow
      const refused = await page.evaluate(() =>
        (window as unknown as PageWindow).authlab.storage.getItem('../../etc/passwd').then(() => 'accepted', (e: unknown) => String(e)),
      );
      expect(refused).toMatch(/refused storage:get-item/);

      // inline script is blocked by the CSP, and navigation away is refused
      expect(
        await page.evaluate(() => {
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true';
          document.head.append(script);
          return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
        }),
      ).toBe(false);
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(300);
      expect(page.url()).toBe('app://authlab/_/index.html');

      // the in-process emulator answers at the URL the bridge gives
      const connection = await page.evaluate(() => (window as unknown as PageWindow).authlab.connection.get());
      expect(connection).toMatchObject({ target: 'in-process', emulator: { state: 'running' } });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
