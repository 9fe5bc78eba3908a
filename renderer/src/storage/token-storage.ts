import type { SupportedStorage } from '@supabase/supabase-js';

/**
 * Where supabase-js keeps a device's session. The renderer never touches tokens at rest itself:
 * it hands `adapter` to `createClient({ auth: { storage } })`, so the web build and the desktop
 * build differ only in which TokenStorage they pick.
 */
export interface TokenStorage {
  /** 'web' stores plain text in the page's localStorage; 'secure' goes through the desktop bridge. */
  kind: 'web' | 'secure';
  /** One line shown to the user, so nobody mistakes the web build's storage for a safe one. */
  notice: string;
  adapter: SupportedStorage;
}

/** The shape the Electron preload exposes as `window.authlab.storage` (backed by the OS keychain). */
export interface StorageBridge {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}
