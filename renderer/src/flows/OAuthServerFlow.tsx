import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import { AppTokenSteps } from '../oauth-server/AppTokenSteps.js';
import { ConsentStep } from '../oauth-server/ConsentStep.js';
import { GrantSteps } from '../oauth-server/GrantSteps.js';
import { OAuthServerNotice } from '../oauth-server/OAuthServerNotice.js';
import { AuthorizeResultView, DetailsView } from '../oauth-server/OAuthServerViews.js';
import { RegisterClientStep } from '../oauth-server/RegisterClientStep.js';
import { parseRedirect, type Authorized } from '../oauth-server/third-party-client.js';
import { useOAuthServerProbe } from '../oauth-server/use-oauth-server-probe.js';
import { useThirdPartyApp } from '../oauth-server/use-third-party-app.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';

/**
 * "Sign in with <your app>": the project as an OAuth 2.1 / OIDC identity provider. The explorer
 * plays all three parts against its own emulator: the signed-in user (Device A), the third-party
 * app (a public client with PKCE), and the project's consent page (site URL + authorization path).
 */
export function OAuthServerFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const signedIn = Boolean(useSession(device));
  const probe = useOAuthServerProbe();
  const thirdParty = useThirdPartyApp();
  const credentials = useCredentials('oauth-server', 'olga');
  const [scope, setScope] = useSessionState('authlab.oauth-server.scope', () => 'openid email profile');
  const { client, authorized, setCode } = thirdParty;
  const authorizationId = authorized?.authorizationId ?? null;

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

      <RegisterClientStep thirdParty={thirdParty} />

      <Step
        title="Start /oauth/authorize with PKCE"
        why="The app makes a random code_verifier, sends its SHA-256 as code_challenge (S256), with state and an OIDC nonce. GoTrue checks client and redirect URI, stores the request and answers 302 to the consent page. A page cannot read a 302’s Location, so the explorer fetches with redirect: 'follow' and reads the URL it ended on."
        button="Start authorization"
        disabled={!client}
        run={() => thirdParty.authorize(scope.trim())}
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
        disabled={!signedIn || !authorizationId}
        run={async () => {
          const details = await auth.oauth.getAuthorizationDetails(authorizationId!);
          if (details.data && 'redirect_url' in details.data) setCode(parseRedirect(details.data.redirect_url).code);
          return details;
        }}
        renderData={(d) => <DetailsView data={d as Parameters<typeof DetailsView>[0]['data']} />}
      />

      <ConsentStep
        disabled={!signedIn || !authorizationId}
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

      <AppTokenSteps thirdParty={thirdParty} signsAsymmetric={probe.status === 'ok' && probe.asymmetricKeys.length > 0} />

      <GrantSteps auth={auth} signedIn={signedIn} thirdParty={thirdParty} />
    </div>
  );
}
