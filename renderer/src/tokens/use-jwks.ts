import type { JSONWebKeySet } from 'jose';
import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';

export type JwksState = { status: 'off' | 'loading' } | { status: 'ok'; jwks: JSONWebKeySet; url: string } | { status: 'error'; message: string; url: string };

/** The emulator's published signing keys (GoTrue's GET /auth/v1/.well-known/jwks.json), read while `on`. */
export function useJwks(on: boolean, reloads: number): JwksState {
  const { connection } = useExplorer();
  const [state, setState] = useState<JwksState>({ status: 'off' });
  useEffect(() => {
    if (!on) return setState({ status: 'off' });
    let live = true;
    const url = `${connection.url.replace(/\/$/, '')}/auth/v1/.well-known/jwks.json`;
    setState({ status: 'loading' });
    fetch(url, { headers: { apikey: connection.key } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return (await response.json()) as JSONWebKeySet;
      })
      .then(
        (jwks) => live && setState({ status: 'ok', jwks, url }),
        (e: unknown) => live && setState({ status: 'error', message: (e as Error).message, url }),
      );
    return () => {
      live = false;
    };
  }, [on, reloads, connection]);
  return state;
}
