import type { WebPreferences } from 'electron';

/**
 * The renderer's webPreferences, per Electron's security checklist. Several are already the
 * defaults; they are spelled out so that a change of default, or a careless edit, shows up in
 * the test that asserts this object. (The `remote` module no longer exists since Electron 14, so
 * there is nothing to turn off for it.)
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // the preload's world and the page's world never share objects: the page sees only the bridge
    contextIsolation: true,
    // the renderer is an OS-sandboxed Chromium process; the preload can require only electron's
    // renderer modules, which is why it is bundled into one CommonJS file
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}
