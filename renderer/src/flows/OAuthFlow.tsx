import type { Provider } from '@supabase/supabase-js';
import { redirectTo } from '../desktop/links.js';
import { useDevice } from '../devices/use-device.js';
import { useLanding } from '../landing/landing-context.js';
import { LandingStep } from '../landing/LandingStep.js';
import { setSessionFromLink } from '../landing/take-session.js';
import { authorizeUrlResult, type BuiltUrl } from '../oauth/AuthorizeUrlResult.js';
import { IdentitySteps } from '../oauth/IdentitySteps.js';
import { enabledOAuthProviders, withoutSkipRedirect } from '../oauth/oauth-urls.js';
import { OAuthProvidersNotice } from '../oauth/OAuthProvidersNotice.js';
import { OAuthSessionView } from '../oauth/OAuthViews.js';
import { providerTitle, ProviderSelect } from '../oauth/ProviderSelect.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';

const ROUTE = 'oauth';
type FlowType = 'pkce' | 'implicit';

/** "Sign in with <provider>": signInWithOAuth through authlab's fake provider, implicit or PKCE, then identities. */
export function OAuthFlow() {
  const device = useDevice('A');
  const settings = useAuthSettings();
  const landing = useLanding(ROUTE);
  const [flowType, setFlowType] = useSessionState<FlowType>(`authlab.${ROUTE}.flow-type`, () => 'pkce');
  const [picked, setPicked] = useSessionState(`authlab.${ROUTE}.provider`, () => '');

  const providers = settings.status === 'ok' ? enabledOAuthProviders(settings.settings.external) : [];
  const provider = providers.includes(picked) ? picked : (providers[0] ?? '');
  const client = () => (flowType === 'pkce' ? device.pkceClient() : device.client);

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>OAuth sign-in</h2>
        <p>
          signInWithOAuth sends the browser to GoTrue’s <code>/authorize</code>, which redirects to the provider with a
          flow-state id as <code>state</code>. Here the provider is authlab’s fake one: its consent page lets you pick or
          type an account, or cancel. It sends the browser to GoTrue’s <code>/callback</code>, GoTrue trades the provider’s
          code for the provider’s tokens (server to server) and redirects to <code>redirect_to</code>: with the session in
          the fragment (implicit) or a one-time <code>?code=</code> (PKCE) that only the holder of the code_verifier can
          exchange. Runs on <strong>{device.label}</strong>.
        </p>
        <OAuthProvidersNotice settings={settings} providers={providers} />
      </header>

      <fieldset className="credentials">
        <legend>How the app signs in</legend>
        <ProviderSelect label="Provider" value={provider} providers={providers} onChange={setPicked} />
        <div role="radiogroup" aria-label="Flow type" className="row">
          {(['pkce', 'implicit'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="oauth-flow-type" checked={flowType === f} onChange={() => setFlowType(f)} />
              {f === 'pkce' ? 'PKCE (?code=)' : 'Implicit (#access_token=)'}
            </label>
          ))}
        </div>
      </fieldset>

      <Step
        title="Start the sign-in"
        why={`signInWithOAuth({ provider, options: { redirectTo, skipBrowserRedirect: true } }) only builds GoTrue's /authorize URL: no request yet.${
          flowType === 'pkce' ? ' With PKCE it first stores a random code_verifier and puts its SHA-256 (code_challenge) in the URL.' : ''
        }`}
        button={`Sign in with ${provider ? providerTitle(provider) : '…'}`}
        disabled={!provider}
        run={async () => {
          const back = await redirectTo(ROUTE);
          const { data, error } = await client().auth.signInWithOAuth({
            provider: provider as Provider,
            options: { redirectTo: back, skipBrowserRedirect: true },
          });
          if (error) return { data: null, error };
          return { data: { url: withoutSkipRedirect(data.url ?? ''), redirectTo: back } satisfies BuiltUrl, error: null };
        }}
        renderData={authorizeUrlResult(ROUTE, `Continue to ${providerTitle(provider)}`)}
      />

      <LandingStep
        title="Back from the provider"
        why="GoTrue redirected back here. PKCE: exchangeCodeForSession sends ?code= with the stored code_verifier (POST /token?grant_type=pkce). Implicit: the fragment already holds the session; setSession checks it with GET /user."
        waiting="Press “Continue to …” above, then choose an account (or cancel) on the provider’s page: GoTrue brings the browser back here and this step runs."
        landing={landing}
        handle={async (params) => {
          if (params.kind === 'code') {
            return device.pkceClient().auth.exchangeCodeForSession(params.code, params.flowId ? { flowId: params.flowId } : undefined);
          }
          const result = await setSessionFromLink(device.client.auth)(params);
          if (params.kind !== 'session' || result.error) return result;
          // setSession keeps only GoTrue's tokens; the provider's are in the fragment alone
          return { data: { ...result.data, provider_token: params.providerToken, provider_refresh_token: params.providerRefreshToken }, error: null };
        }}
        renderData={(data) => <OAuthSessionView data={data} />}
      />

      <IdentitySteps route={ROUTE} auth={device.client.auth} linkingAuth={() => client().auth} providers={providers} signInProvider={provider} />
    </div>
  );
}
