import type { StorageBridge, TokenStorage } from './token-storage.js';

/** The desktop build: every read and write crosses the preload bridge to the OS keychain. */
export function bridgeTokenStorage(bridge: StorageBridge): TokenStorage {
  return {
    kind: 'secure',
    notice: 'Tokens: OS keychain (through the desktop app)',
    adapter: {
      getItem: (key) => bridge.getItem(key),
      setItem: (key, value) => bridge.setItem(key, value),
      removeItem: (key) => bridge.removeItem(key),
    },
  };
}
