import type { Connection } from './connection.js';
import type { DeepLinkRelay } from './deep-link-relay.js';
import { externalUrlToOpen } from './external-url.js';
import type { IpcHandlers } from './ipc.js';
import type { Redirects } from './redirects.js';
import type { SecureStorage } from './secure-storage.js';

export interface HandlerDeps {
  storage: SecureStorage;
  connection: Connection;
  redirects: Redirects;
  relay: DeepLinkRelay;
  openExternal: (url: string) => Promise<void>;
  /** Reloads the window once the reply is sent, so a new connection's CSP takes effect. */
  reloadSoon: () => void;
}

/** What each channel does, once ipc.ts has checked the sender and parsed the arguments. */
export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    'storage:get-item': (key) => deps.storage.getItem(key),
    'storage:set-item': (key, value) => deps.storage.setItem(key, value),
    'storage:remove-item': (key) => deps.storage.removeItem(key),
    'connection:get': () => deps.connection.info(),
    'connection:use-url': async (value) => {
      const info = await deps.connection.useUrl(value);
      deps.reloadSoon();
      return info;
    },
    'emulator:start': () => deps.connection.useInProcess(),
    'emulator:stop': () => deps.connection.stopInProcess(),
    'redirect:prepare': async (mode) => ({ redirectUrl: await deps.redirects.prepare(mode) }),
    'shell:open-external': async (url) => {
      const safe = externalUrlToOpen(url);
      if (!safe) throw new Error('authlab: refused to open a link that is not a plain http(s) URL');
      await deps.openExternal(safe);
    },
    'deep-links:listen': () => deps.relay.listen(),
  };
}
