import type { SafeStorage } from 'electron';
import type { Cipher } from './secure-storage.js';

/**
 * Electron's safeStorage as the store's cipher. On Linux without a keyring Chromium falls back to
 * the `basic_text` backend, which encrypts with a hard-coded key: that is obfuscation, so it
 * counts as unavailable and the store refuses rather than pretend.
 */
export function safeStorageCipher(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): Cipher {
  return {
    isAvailable: async () =>
      (await safeStorage.isAsyncEncryptionAvailable()) && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
  };
}
