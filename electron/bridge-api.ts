import type { DeepLink } from './deep-links.js';
import type { ConnectionInfo, RedirectMode } from './ipc.js';

export type { ConnectionInfo, EmulatorStatus, RedirectMode } from './ipc.js';
export type { AuthRedirect, DeepLink } from './deep-links.js';

/**
 * `window.authlab` in the desktop build: what the preload exposes, nothing more. The renderer
 * can import this type (type-only) to declare the global. `storage` matches the renderer's
 * StorageBridge (renderer/src/storage/token-storage.ts).
 */
export interface AuthlabBridge {
  storage: {
    getItem(key: string): Promise<string | null>;
    setItem(key: string, value: string): Promise<void>;
    removeItem(key: string): Promise<void>;
  };
  connection: {
    /** Waits for an in-process emulator that is still starting. */
    get(): Promise<ConnectionInfo>;
    /** Another emulator or a real project. The window reloads afterwards (the CSP must allow the new origin). */
    useUrl(value: { url: string; anonKey: string }): Promise<ConnectionInfo>;
  };
  emulator: {
    /** Starts the in-process emulator (127.0.0.1:54321, or a free port if taken) and uses it. */
    start(): Promise<ConnectionInfo>;
    stop(): Promise<ConnectionInfo>;
  };
  redirect: {
    /** The URL to pass as redirectTo / emailRedirectTo: authlab://callback or http://127.0.0.1:<port>/callback. */
    prepare(mode: RedirectMode): Promise<{ redirectUrl: string }>;
    /** Called with every auth redirect that comes back; returns the unsubscribe function. */
    onDeepLink(listener: (link: DeepLink) => void): () => void;
  };
  /** Opens an http(s) link in the OS browser; anything else is refused by main. */
  openExternal(url: string): Promise<void>;
}
