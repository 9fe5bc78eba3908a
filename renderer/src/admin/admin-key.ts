import { useEffect, useMemo, useState } from 'react';
import { isLoopbackUrl, type Connection } from '../connection/connection.js';
import type { TokenStorage } from '../storage/index.js';
import { LOCAL_SERVICE_ROLE_KEY } from './admin-api.js';

/**
 * Which service role key the admin views use. The local stack's demo key is the default, and only
 * for a connection on this machine. A key the user enters (a real project, or an emulator started
 * with its own JWT secret) belongs to the connection it was entered for. It never goes to web
 * storage: the browser build keeps it in memory (a reload forgets it); the desktop build keeps it
 * in the OS keychain through the same bridge as the session tokens.
 */
export interface AdminKeyState {
  /** The key to send, or null when there is none for this connection. */
  key: string | null;
  source: 'demo' | 'entered' | 'none';
  /** Where an entered key is kept. */
  keptIn: 'memory' | 'keychain';
  /** Use this key for the current connection; null goes back to the default. */
  set(key: string | null): void;
}

/**
 * The keychain entry of an entered key: one per origin (scheme and host, so a key entered for
 * https:// is never sent over http://), within the bridge's key pattern.
 */
export const adminKeyStorageKey = (url: string) => {
  const { protocol, host } = new URL(url);
  return `authlab.service-role.${protocol.replace(':', '')}.${host}`;
};

export function defaultAdminKey(connection: Pick<Connection, 'url'>): string | null {
  return isLoopbackUrl(connection.url) ? LOCAL_SERVICE_ROLE_KEY : null;
}

export function useAdminKey(connection: Connection, storage: TokenStorage): AdminKeyState {
  const [entered, setEntered] = useState<{ url: string; key: string } | null>(null);
  const secure = storage.kind === 'secure';

  useEffect(() => {
    if (!secure) return;
    let live = true;
    void Promise.resolve(storage.adapter.getItem(adminKeyStorageKey(connection.url))).then(
      (key) => live && key && setEntered({ url: connection.url, key }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [connection.url, secure, storage]);

  const mine = entered?.url === connection.url ? entered.key : null;
  const fallback = defaultAdminKey(connection);
  return useMemo<AdminKeyState>(
    () => ({
      key: mine ?? fallback,
      source: mine ? 'entered' : fallback ? 'demo' : 'none',
      keptIn: secure ? 'keychain' : 'memory',
      set(key) {
        const value = key?.trim() || null;
        setEntered(value ? { url: connection.url, key: value } : null);
        if (!secure) return;
        const name = adminKeyStorageKey(connection.url);
        void (value ? storage.adapter.setItem(name, value) : storage.adapter.removeItem(name));
      },
    }),
    [mine, fallback, secure, storage, connection.url],
  );
}
