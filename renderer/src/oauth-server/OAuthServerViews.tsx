import type { OAuthAuthorizationDetails, OAuthClient, OAuthGrant } from '@supabase/supabase-js';
import type { ReactNode } from 'react';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { useNowSeconds } from '../jwt/use-now.js';
import { TimeNote } from '../tokens/ClaimsTable.js';
import { TokenValue } from '../tokens/TokenValue.js';
import { FactsTable } from '../ui/FactsTable.js';
import { DataTable } from '../ui/DataTable.js';
import { maskSecret } from '../wire/mask.js';
import type { Authorized, OAuthTokens } from './third-party-client.js';

const code = (value: unknown) => <code>{value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value)}</code>;

export function ClientView({ client }: { client: OAuthClient }) {
  return (
    <FactsTable
      label="Registered client"
      rows={[
        ['client_id', code(client.client_id)],
        ['client_type', code(client.client_type)],
        ['token_endpoint_auth_method', code(client.token_endpoint_auth_method)],
        ['redirect_uris', code(client.redirect_uris.join(' '))],
        ['client_secret', client.client_secret ? <code>{maskSecret(client.client_secret)}</code> : '(none: a public client proves itself with PKCE alone)'],
      ]}
    />
  );
}

export function AuthorizeResultView({ data }: { data: Authorized }) {
  return (
    <div>
      <FactsTable
        label="Authorization request"
        rows={[
          ['URL', code(data.url)],
          ['code_verifier (kept by the app)', <code>{maskSecret(data.codeVerifier)}</code>],
          ['code_challenge (S256)', code(data.codeChallenge)],
          ['state', code(data.state)],
          ['nonce', code(data.nonce)],
          ['followed to', <code aria-label="Final URL">{data.finalUrl}</code>],
          ['authorization_id', data.authorizationId ? <code aria-label="authorization_id">{data.authorizationId}</code> : '(none)'],
        ]}
      />
      {data.authorizationId ? (
        <p className="small">
          GoTrue answered <code>302</code> to the consent page (site URL + authorization path) and fetch followed it (that page
          answered {data.finalStatus}). This explorer is that consent page: the next step reads the request.
        </p>
      ) : data.clientError ? (
        <p className="small error-text">GoTrue sent the browser back to the client with {data.clientError}.</p>
      ) : (
        <p className="small error-text">
          The redirect did not end on a URL with <code>authorization_id</code>{data.redirected ? '' : ' (no redirect was followed)'}. GoTrue
          sends the browser to its site URL + <code>authorization_url_path</code>; point <code>GOTRUE_SITE_URL</code> at this
          explorer ({window.location.origin}/_/) so the explorer can read it. A site URL on another origin is refused by fetch (CORS) or
          lands on a page the explorer cannot see into.
        </p>
      )}
    </div>
  );
}

export function DetailsView({ data }: { data: OAuthAuthorizationDetails | { redirect_url: string } }) {
  if ('redirect_url' in data) {
    return (
      <p className="small">
        Already consented to these scopes: GoTrue approved at once and answered the redirect URL{' '}
        <code aria-label="Redirect URL">{data.redirect_url}</code>.
      </p>
    );
  }
  return (
    <div>
      <p aria-label="Consent question">
        <strong>{data.client.name || data.client.id}</strong> wants to access your account (<code>{data.user.email}</code>):{' '}
        <code>{data.scope}</code>
      </p>
      <FactsTable
        label="Authorization details"
        rows={[
          ['authorization_id', code(data.authorization_id)],
          ['client', code(`${data.client.name} (${data.client.id})`)],
          ['redirect_uri', code(data.redirect_uri)],
          ['scope', code(data.scope)],
          ['user', code(`${data.user.email} (${data.user.id})`)],
        ]}
      />
    </div>
  );
}

export function RedirectView({ redirectUrl }: { redirectUrl: string }) {
  const params = new URL(redirectUrl).searchParams;
  return (
    <FactsTable
      label="Redirect to the client"
      rows={[
        ['redirect_url', <code aria-label="Redirect URL">{redirectUrl}</code>],
        ...[...params.entries()].map(([k, v]) => [k, <code aria-label={k}>{v}</code>] as [string, ReactNode]),
      ]}
    />
  );
}

const PICKED_CLAIMS = ['iss', 'sub', 'aud', 'client_id', 'scope', 'email', 'role', 'aal', 'amr', 'session_id', 'nonce', 'auth_time', 'iat', 'exp'];

function ClaimsTable({ label, token }: { label: string; token: string }) {
  const now = useNowSeconds();
  const decoded = decodeJwt(token);
  if (!decoded) return <p className="error-text small">{label}: not a JWT.</p>;
  const claims = decoded.claims;
  return (
    <FactsTable
      label={label}
      rows={[
        ['alg / kid', code(`${String(decoded.header.alg)} / ${String(decoded.header.kid ?? '—')}`)],
        ...PICKED_CLAIMS.filter((c) => c in claims).map(
          (c) => [c, <>{code(claims[c])} <TimeNote claim={c} value={claims[c]} now={now} /></>] as [string, ReactNode],
        ),
      ]}
    />
  );
}

/** Which /oauth/token grant produced the tokens: only the code exchange can carry an id_token. */
export type TokenGrant = 'authorization_code' | 'refresh_token';

/** Why the answer holds no id_token, from what the tokens themselves say. */
function whyNoIdToken(grant: TokenGrant, scope: string | undefined, signsAsymmetric: boolean): string {
  if (grant === 'refresh_token') {
    return `a refresh answers with new access and refresh tokens only; GoTrue issues the id_token with the code exchange${
      scope?.split(' ').includes('openid') ? ' (the scope still includes openid)' : ''
    }.`;
  }
  if (scope !== undefined && !scope.split(' ').includes('openid')) return 'the scope did not include openid.';
  return signsAsymmetric ? 'the answer carried none.' : 'the project signs with the HS256 secret only (see the notice at the top).';
}

export function TokensView({ tokens, nonce, signsAsymmetric, grant }: { tokens: OAuthTokens; nonce?: string; signsAsymmetric: boolean; grant: TokenGrant }) {
  const idClaims = tokens.id_token ? decodeJwt(tokens.id_token)?.claims : undefined;
  // GoTrue's /oauth/token answer has no scope field: the granted scope travels in the access token
  const scopeClaim = decodeJwt(tokens.access_token)?.claims.scope;
  const grantedScope = tokens.scope ?? (typeof scopeClaim === 'string' ? scopeClaim : undefined);
  return (
    <div>
      <FactsTable
        label="Token response"
        rows={[
          ['access_token', <TokenValue name="access_token" value={tokens.access_token} />],
          ['refresh_token', tokens.refresh_token ? <TokenValue name="refresh_token" value={tokens.refresh_token} /> : '(none)'],
          ['id_token', tokens.id_token ? <TokenValue name="id_token" value={tokens.id_token} /> : '(none)'],
          [
            'scope',
            tokens.scope !== undefined ? (
              code(tokens.scope)
            ) : (
              <span aria-label="Granted scope">
                (not in the answer){grantedScope !== undefined && <> · the access token’s scope claim: {code(grantedScope)}</>}
              </span>
            ),
          ],
          ['expires_in', code(tokens.expires_in)],
        ]}
      />
      <h4>Access token claims</h4>
      <ClaimsTable label="Access token claims" token={tokens.access_token} />
      {tokens.id_token ? (
        <>
          <h4>id_token claims</h4>
          <ClaimsTable label="id_token claims" token={tokens.id_token} />
          {nonce && (
            <p className="small" aria-label="Nonce check">
              nonce {idClaims?.nonce === nonce ? 'matches the one the app sent' : 'does NOT match the one the app sent'}.
            </p>
          )}
        </>
      ) : (
        <p className="muted small">
          No id_token: {whyNoIdToken(grant, grantedScope, signsAsymmetric)}
        </p>
      )}
    </div>
  );
}

export function GrantsTable({ grants }: { grants: OAuthGrant[] }) {
  return (
    <DataTable
      label="Grants"
      empty="No grants."
      rows={grants}
      rowKey={(g) => g.client.id}
      columns={[
        {
          header: 'client',
          cell: (g) => (
            <>
              {g.client.name} <code className="small">{g.client.id}</code>
            </>
          ),
        },
        { header: 'scopes', cell: (g) => g.scopes.join(' ') },
        { header: 'granted_at', cell: (g) => g.granted_at },
      ]}
    />
  );
}

/** After revoking: what the app's refresh got. */
export function RevokedView({ data }: { data: unknown }) {
  const after = (data as { refreshAfterRevoke?: string | { code?: string; status: number; message: string } } | null)?.refreshAfterRevoke;
  if (after === undefined) return <p className="small">Grant revoked (204).</p>;
  if (typeof after === 'string') return <p className="small error-text">Grant revoked (204), but {after}.</p>;
  return (
    <p className="small" aria-label="Refresh after revoking">
      Grant revoked (204). The app’s refresh now fails: HTTP {after.status} <code>{after.code ?? ''}</code> {after.message}
    </p>
  );
}
