import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';

const keyOf = (host: string, factorId: string) => `authlab.${host}.totp-secret.${factorId}`;

/**
 * The enrolled factor's TOTP secret, for the built-in authenticator. Whoever holds it makes valid
 * codes, so it is kept where the sessions are (the token storage: the OS keychain on the desktop),
 * never in sessionStorage with the screens' inputs.
 */
export function useTotpSecret(factorId: string) {
  const { storage, connection } = useExplorer();
  const host = new URL(connection.url).host;
  const [secret, setSecret] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setSecret(null);
    if (factorId) void Promise.resolve(storage.adapter.getItem(keyOf(host, factorId))).then((value) => live && setSecret(value));
    return () => {
      live = false;
    };
  }, [storage, host, factorId]);

  return {
    secret,
    async remember(id: string, value: string) {
      await storage.adapter.setItem(keyOf(host, id), value);
      if (id === factorId) setSecret(value);
    },
    async forget(id: string) {
      await storage.adapter.removeItem(keyOf(host, id));
    },
  };
}
