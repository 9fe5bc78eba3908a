import '../desktop/bridge.js';
import { bridgeTokenStorage } from './bridge-storage.js';
import type { TokenStorage } from './token-storage.js';
import { webTokenStorage } from './web-storage.js';

export type { TokenStorage } from './token-storage.js';

/** The secure bridge when the desktop shell provides one, web storage otherwise. */
export function pickTokenStorage(): TokenStorage {
  const bridge = window.authlab?.storage;
  return bridge ? bridgeTokenStorage(bridge) : webTokenStorage();
}
