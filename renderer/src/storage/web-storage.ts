import type { TokenStorage } from './token-storage.js';

/** The browser build: supabase-js's own default medium, made explicit so the UI can say what it is. */
export function webTokenStorage(storage: Storage = window.localStorage): TokenStorage {
  return {
    kind: 'web',
    notice: 'Tokens: browser localStorage — not encrypted; the desktop app uses the OS keychain',
    adapter: {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => storage.setItem(key, value),
      removeItem: (key) => storage.removeItem(key),
    },
  };
}
