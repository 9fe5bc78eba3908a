import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';

export type OAuthServerProbe =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** enabled: the discovery document answers (GET /settings does not report the OAuth server). */
  | { status: 'ok'; enabled: boolean; issuer: string | null; asymmetricKeys: string[] };

/**
 * Is the OAuth server on, and can it sign id_tokens? GoTrue answers 404 feature_disabled on every
 * /oauth/* route while it is off; an id_token needs an asymmetric key in the JWKS (ES256, RS256),
 * a project signing with the HS256 secret alone fails the openid exchange. Outside the wire log:
 * this is the screen looking around, not a step.
 */
export function useOAuthServerProbe(): OAuthServerProbe {
  const { connection } = useExplorer();
  const [state, setState] = useState<OAuthServerProbe>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const base = `${connection.url.replace(/\/+$/, '')}/auth/v1`;
    (async () => {
      const discovery = await fetch(`${base}/.well-known/oauth-authorization-server`);
      const metadata = discovery.ok ? ((await discovery.json()) as { issuer?: string }) : null;
      const jwks = await fetch(`${base}/.well-known/jwks.json`);
      const keys = jwks.ok ? (((await jwks.json()) as { keys?: { alg?: string; kty?: string }[] }).keys ?? []) : [];
      return {
        status: 'ok' as const,
        enabled: discovery.ok,
        issuer: metadata?.issuer ?? null,
        asymmetricKeys: keys.filter((k) => k.kty !== 'oct').map((k) => k.alg ?? k.kty ?? '?'),
      };
    })()
      .then((probe) => live && setState(probe))
      .catch((e: unknown) => live && setState({ status: 'error', message: (e as Error).message }));
    return () => {
      live = false;
    };
  }, [connection]);
  return state;
}
