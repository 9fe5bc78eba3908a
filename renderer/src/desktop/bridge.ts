import type { AuthlabBridge, ConnectionInfo, DeepLink, RedirectMode } from '../../../electron/bridge-api.js';

export type { AuthlabBridge, ConnectionInfo, DeepLink, RedirectMode };

declare global {
  interface Window {
    /** The desktop shell's preload (electron/preload.ts); absent in the browser build. */
    authlab?: Partial<AuthlabBridge>;
  }
}

/**
 * The desktop bridge when the page runs inside the Electron shell, null in a browser. All of it or
 * nothing: a page that only found `storage` (an older shell) keeps the browser's behaviour.
 */
export function desktopBridge(): AuthlabBridge | null {
  const bridge = typeof window === 'undefined' ? undefined : window.authlab;
  if (!bridge?.storage || !bridge.connection || !bridge.emulator || !bridge.redirect || !bridge.openExternal) return null;
  return bridge as AuthlabBridge;
}
