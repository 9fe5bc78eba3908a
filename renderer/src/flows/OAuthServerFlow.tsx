import type { OAuthClient, OAuthGrant } from '@supabase/supabase-js';
import { useMemo, useState } from 'react';
import { AdminKeyPanel } from '../admin/AdminKeyPanel.js';
import { useDevice } from '../devices/use-device.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { useSession } from '../devices/use-session.js';
import { ConsentStep } from '../oauth-server/ConsentStep.js';
import { AuthorizeResultView, ClientView, DetailsView, GrantsTable, RevokedView, TokensView } from '../oauth-server/OAuthServerViews.js';
import { buildAuthorization, parseRedirect, thirdPartyClient, type Authorized, type OAuthTokens } from '../oauth-server/third-party-client.js';
import { useOAuthServerProbe } from '../oauth-server/use-oauth-server-probe.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { OAuthServerNotice } from '../oauth-server/OAuthServerNotice.js';

/**
 * "Sign in with <your app>": the project as an OAuth 2.1 / OIDC identity provider. The explorer
 * plays all three parts against its own emulator: the signed-in user (Device A), the third-party
 * app (a public client with PKCE), and the project's consent page (site URL + authorization path).
 */
export function OAuthServerFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const session = useSession(device);
  const { admin, connection, wireLog } = useExplorer();
  const probe = useOAuthServerProbe();
  const app = useMemo(() => thirdPartyClient(connection.url, wireLog), [connection, wireLog]);
  const credentials = useCredentials('oauth-server', 'olga');
  const [scope, setScope] = useSessionState('authlab.oauth-server.scope', () => 'openid email profile');
  // a public client (no secret): safe to keep; the code, verifier and tokens stay in memory only
  const [client, setClient] = useSessionState<OAuthClient | null>('authlab.oauth-server.client', () => null);
  const [authorized, setAuthorized] = useState<Authorized | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [tokens, setTokens] = useState<OAuthTokens | null>(null);
  const signsAsymmetric = probe.status === 'ok' && probe.asymmetricKeys.length > 0;
  // a URL of the explorer itself; it is never loaded: the explorer reads the code off the redirect URL
  const redirectUri = new URL('oauth-client/callback', `${window.location.origin}${window.location.pathname}`).href;
  const authorizationId = authorized?.authorizationId ?? null;

  const tokensView = (d: unknown) => <TokensView tokens={d as OAuthTokens} nonce={authorized?.nonce} signsAsymmetric={signsAsymmetric} />;
  const keepTokens = (result: Awaited<ReturnType<typeof app.token>>) => {
    if (result.data) setTokens(result.data);
    return result;
  };

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>OAuth server (your app as IdP)</h2>
        <p>
          With the OAuth 2.1 server on, the project is an identity provider: a third-party app sends the browser to GoTrue’s{' '}
          <code>/oauth/authorize</code>, GoTrue hands it to the project’s own consent page (site URL + authorization path) with an{' '}
          <code>authorization_id</code>, the signed-in user approves, and the app trades the code (with its PKCE verifier) for
          tokens at <code>/oauth/token</code>. Here the explorer plays the app, the consent page and the user on{' '}
          <strong>{device.label}</strong>.
        </p>
        <OAuthServerNotice probe={probe} />
      </header>


      <SignInStep
        auth={auth}
        route="oauth-server"
        legend="The user who grants access"
        credentials={credentials}
        purpose="The consent page calls GoTrue with this session: an authorization request belongs to the user who first reads it."
      />

      <Step
        title="Register a public client"
        why={
          <>
            auth.admin.oauth.createClient (POST /admin/oauth/clients, service role key) with{' '}
            <code>token_endpoint_auth_method: "none"</code>: a public client, such as a single-page or mobile app, has no secret
            and proves itself with PKCE alone. Its redirect URI must match exactly at /authorize and /token.
          </>
        }
        button="Register client"
        disabled={!admin}
        run={async () => {
          const created = await admin!.client.auth.admin.oauth.createClient({
            client_name: 'authlab explorer (third-party app)',
            redirect_uris: [redirectUri],
            token_endpoint_auth_method: 'none',
          });
          if (created.data) {
            setClient(created.data);
            setAuthorized(null);
            setCode(null);
            setTokens(null);
          }
          return created;
        }}
        renderData={(d) => <ClientView client={d as OAuthClient} />}
      >
        {!admin && <AdminKeyPanel />}
        <p className="small">
          Redirect URI: <code>{redirectUri}</code>
        </p>
      </Step>

      <Step
        title="Start /oauth/authorize with PKCE"
        why="The app makes a random code_verifier, sends its SHA-256 as code_challenge (S256), with state and an OIDC nonce. GoTrue checks client and redirect URI, stores the request and answers 302 to the consent page. A page cannot read a 302’s Location, so the explorer fetches with redirect: 'follow' and reads the URL it ended on."
        button="Start authorization"
        disabled={!client}
        run={async () => {
          const pending = await buildAuthorization(connection.url, client!.client_id, redirectUri, scope.trim());
          const result = await app.authorize(pending);
          setAuthorized(result.data);
          setCode(null);
          return result;
        }}
        renderData={(d) => <AuthorizeResultView data={d as Authorized} />}
      >
        <label>
          Scope
          <input value={scope} onChange={(e) => setScope(e.target.value)} aria-label="Scope" />
        </label>
      </Step>

      <Step
        title="Consent page: read the request"
        why="oauth.getAuthorizationDetails(authorization_id) → GET /oauth/authorizations/{id} with the user’s session: the client, the scopes and the redirect URI to show the user. If the user already granted these scopes to this client, GoTrue approves at once and answers just the redirect URL."
        button="Read the request"
        disabled={!session || !authorizationId}
        run={async () => {
          const details = await auth.oauth.getAuthorizationDetails(authorizationId!);
          if (details.data && 'redirect_url' in details.data) setCode(parseRedirect(details.data.redirect_url).code);
          return details;
        }}
        renderData={(d) => <DetailsView data={d as Parameters<typeof DetailsView>[0]['data']} />}
      />

      <ConsentStep
        disabled={!session || !authorizationId}
        decide={async (approve) => {
          const options = { skipBrowserRedirect: true };
          const decided = approve
            ? await auth.oauth.approveAuthorization(authorizationId!, options)
            : await auth.oauth.denyAuthorization(authorizationId!, options);
          if (decided.error) return decided;
          const back = parseRedirect(decided.data.redirect_url);
          // the app only trusts a code that comes back with the state it sent
          if (back.state !== authorized?.state) throw new Error('state in the redirect does not match the one the app sent');
          setCode(back.code);
          return decided;
        }}
      />

      <Step
        title="Exchange the code"
        why="POST /oauth/token (form-encoded, no apikey) with grant_type=authorization_code, the code, redirect_uri, client_id and the code_verifier: GoTrue hashes the verifier and compares it with the stored challenge. With openid in the scope it adds an id_token, which needs an asymmetric signing key."
        button="Exchange code for tokens"
        disabled={!code || !client || !authorized}
        run={async () =>
          keepTokens(
            await app.token({
              grant_type: 'authorization_code',
              code: code!,
              redirect_uri: redirectUri,
              client_id: client!.client_id,
              code_verifier: authorized!.codeVerifier,
            }),
          )
        }
        renderData={tokensView}
      />

      <Step
        title="Refresh the tokens"
        why="POST /oauth/token with grant_type=refresh_token and client_id: the refresh token rotates, and the session stays tied to this client (client_id claim)."
        button="Refresh"
        disabled={!tokens?.refresh_token || !client}
        run={async () => keepTokens(await app.token({ grant_type: 'refresh_token', refresh_token: tokens!.refresh_token!, client_id: client!.client_id }))}
        renderData={tokensView}
      />

      <Step
        title="List the user’s grants"
        why="oauth.listGrants() → GET /user/oauth/grants: the apps this user has consented to, with the scopes granted (what an account page’s “connected apps” shows)."
        button="List grants"
        disabled={!session}
        run={() => auth.oauth.listGrants()}
        renderData={(d) => <GrantsTable grants={d as OAuthGrant[]} />}
      />

      <Step
        title="Revoke the grant"
        why="oauth.revokeGrant({ clientId }) → DELETE /user/oauth/grants?client_id=… (204). GoTrue marks the consent revoked and deletes the user’s sessions of that client, so the app’s refresh token stops working; the refresh is tried right after to show it."
        button="Revoke and try a refresh"
        disabled={!session || !client}
        run={async () => {
          const revoked = await auth.oauth.revokeGrant({ clientId: client!.client_id });
          if (revoked.error || !tokens?.refresh_token) return revoked;
          const after = await app.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client!.client_id });
          return { data: { refreshAfterRevoke: after.error ?? 'the refresh still worked' }, error: null };
        }}
        renderData={(d) => <RevokedView data={d} />}
      />
    </div>
  );
}
