import type { OAuthClient } from '@supabase/supabase-js';
import { useMemo, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { useSessionState } from '../ui/use-session-state.js';
import { buildAuthorization, thirdPartyClient, type Authorized, type OAuthTokens } from './third-party-client.js';

/**
 * The third-party app the explorer plays: its registered client, the authorization it started
 * (PKCE verifier, state, nonce), the code it got back and the tokens it holds.
 */
export function useThirdPartyApp() {
  const { connection, wireLog } = useExplorer();
  const app = useMemo(() => thirdPartyClient(connection.url, wireLog), [connection, wireLog]);
  // a public client (no secret): safe to keep; the code, verifier and tokens stay in memory only
  const [client, setClient] = useSessionState<OAuthClient | null>('authlab.oauth-server.client', () => null);
  const [authorized, setAuthorized] = useState<Authorized | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [tokens, setTokens] = useState<OAuthTokens | null>(null);
  // a URL of the explorer itself; it is never loaded: the explorer reads the code off the redirect URL
  const redirectUri = new URL('oauth-client/callback', `${window.location.origin}${window.location.pathname}`).href;

  return {
    app,
    redirectUri,
    client,
    authorized,
    code,
    setCode,
    tokens,
    /** A new client starts over: nothing the old one was given applies to it. */
    registered(created: OAuthClient) {
      setClient(created);
      setAuthorized(null);
      setCode(null);
      setTokens(null);
    },
    async authorize(scope: string) {
      const pending = await buildAuthorization(connection.url, client!.client_id, redirectUri, scope);
      const result = await app.authorize(pending);
      setAuthorized(result.data);
      setCode(null);
      return result;
    },
    keepTokens(result: Awaited<ReturnType<typeof app.token>>) {
      if (result.data) setTokens(result.data);
      return result;
    },
  };
}

export type ThirdPartyApp = ReturnType<typeof useThirdPartyApp>;
