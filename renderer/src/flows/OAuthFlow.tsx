import type { Provider, UserIdentity } from '@supabase/supabase-js';
import { useState } from 'react';
import { openLink, redirectTo } from '../desktop/links.js';
import { useDevice } from '../devices/use-device.js';
import { useLanding } from '../landing/landing-context.js';
import { LandingStep } from '../landing/LandingStep.js';
import { setSessionFromLink } from '../landing/take-session.js';
import { enabledOAuthProviders, withoutSkipRedirect } from '../oauth/oauth-urls.js';
import { AuthorizeView, IdentitiesTable, OAuthSessionView } from '../oauth/OAuthViews.js';
import { SettingNotice } from '../settings/SettingNotice.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';

const ROUTE = 'oauth';
type FlowType = 'pkce' | 'implicit';

/** authlab's fake provider's pages use these names; the rest are capitalised. */
const TITLES: Record<string, string> = { github: 'GitHub', gitlab: 'GitLab', linkedin_oidc: 'LinkedIn', slack_oidc: 'Slack', workos: 'WorkOS' };
const titleOf = (p: string) => TITLES[p] ?? p.charAt(0).toUpperCase() + p.slice(1);

/** The URL a step produced, kept with the redirect_to it was built for. */
interface Built {
  url: string;
  redirectTo: string;
}

function ProviderSelect({ label, value, providers, onChange }: { label: string; value: string; providers: string[]; onChange(p: string): void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={providers.length === 0}>
        {providers.map((p) => (
          <option key={p} value={p}>
            {titleOf(p)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "Sign in with <provider>": signInWithOAuth through authlab's fake provider, implicit or PKCE, then identities. */
export function OAuthFlow() {
  const device = useDevice('A');
  const settings = useAuthSettings();
  const landing = useLanding(ROUTE);
  const [flowType, setFlowType] = useSessionState<FlowType>(`authlab.${ROUTE}.flow-type`, () => 'pkce');
  const [picked, setPicked] = useSessionState(`authlab.${ROUTE}.provider`, () => '');
  const [pickedLink, setPickedLink] = useSessionState(`authlab.${ROUTE}.link-provider`, () => '');
  const [identities, setIdentities] = useState<UserIdentity[]>([]);
  const [unlinkId, setUnlinkId] = useState('');

  const providers = settings.status === 'ok' ? enabledOAuthProviders(settings.settings.external) : [];
  const provider = providers.includes(picked) ? picked : (providers[0] ?? '');
  const linkProvider = providers.includes(pickedLink) ? pickedLink : (providers.find((p) => p !== provider) ?? provider);
  const client = () => (flowType === 'pkce' ? device.pkceClient() : device.client);
  const toUnlink = identities.find((i) => i.identity_id === unlinkId) ?? identities[0];

  const showUrl = (goLabel: string) => (data: unknown) => {
    const built = data as Built;
    return <AuthorizeView url={built.url} redirectTo={built.redirectTo} goLabel={goLabel} go={() => openLink(built.url, ROUTE)} />;
  };

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
        <SettingNotice
          settings={settings}
          ready={(s) => enabledOAuthProviders(s.external).length > 0}
          on={<>OAuth providers on (GET /settings <code>external</code>): {providers.map(titleOf).join(', ')}, each served by authlab’s fake provider.</>}
          off={
            <>
              No OAuth provider is on (every <code>external.&lt;provider&gt;</code> in GET /settings is false, the default),
              so /authorize refuses with <code>provider_disabled</code>. Restart the emulator with{' '}
              <code>GOTRUE_EXTERNAL_GITHUB_ENABLED=true npm start</code> (or <code>AUTHLAB_EXTERNAL_ALL_ENABLED=true</code>, or{' '}
              <code>[auth.external.github] enabled = true</code> in supabase/config.toml).
            </>
          }
        />
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
        button={`Sign in with ${provider ? titleOf(provider) : '…'}`}
        disabled={!provider}
        run={async () => {
          const back = await redirectTo(ROUTE);
          const { data, error } = await client().auth.signInWithOAuth({
            provider: provider as Provider,
            options: { redirectTo: back, skipBrowserRedirect: true },
          });
          if (error) return { data: null, error };
          return { data: { url: withoutSkipRedirect(data.url ?? ''), redirectTo: back } satisfies Built, error: null };
        }}
        renderData={showUrl(`Continue to ${titleOf(provider)}`)}
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

      <Step
        title="List the identities"
        why="getUserIdentities() reads GET /user: one identity per provider the user signed in with (email, phone, each OAuth provider)."
        button="List identities"
        run={async () => {
          const result = await device.client.auth.getUserIdentities();
          if (result.data) setIdentities(result.data.identities);
          return result;
        }}
        renderData={(data) => <IdentitiesTable identities={(data as { identities: UserIdentity[] }).identities} />}
      />

      <Step
        title="Link another identity"
        why="linkIdentity asks GoTrue (GET /user/identities/authorize, with the session's JWT) for the provider's URL; the account chosen there is added to this user. GoTrue allows it only with manual linking on (GOTRUE_SECURITY_MANUAL_LINKING_ENABLED=true, [auth] enable_manual_linking = true): otherwise 404 manual_linking_disabled. /settings does not report this setting, so trying is the only way to tell."
        button={`Link ${linkProvider ? titleOf(linkProvider) : '…'}`}
        disabled={!linkProvider}
        run={async () => {
          const back = await redirectTo(ROUTE);
          const { data, error } = await client().auth.linkIdentity({
            provider: linkProvider as Provider,
            options: { redirectTo: back, skipBrowserRedirect: true },
          });
          if (error) return { data: null, error };
          return { data: { url: data.url, redirectTo: back } satisfies Built, error: null };
        }}
        renderData={showUrl(`Continue to ${titleOf(linkProvider)}`)}
      >
        <ProviderSelect label="Provider to link" value={linkProvider} providers={providers} onChange={setPickedLink} />
      </Step>

      <Step
        title="Unlink an identity"
        why="unlinkIdentity sends DELETE /user/identities/<identity_id> (manual linking on, as above). GoTrue refuses to remove the last identity (single_identity_not_deletable); the list is read again afterwards."
        button="Unlink"
        disabled={!toUnlink}
        run={async () => {
          const result = await device.client.auth.unlinkIdentity(toUnlink!);
          if (result.error) return result;
          const after = await device.client.auth.getUserIdentities();
          if (after.data) setIdentities(after.data.identities);
          return after;
        }}
        renderData={(data) => <IdentitiesTable identities={(data as { identities: UserIdentity[] }).identities} />}
      >
        <label>
          Identity (list them first)
          <select value={toUnlink?.identity_id ?? ''} onChange={(e) => setUnlinkId(e.target.value)} disabled={identities.length === 0}>
            {identities.map((i) => (
              <option key={i.identity_id} value={i.identity_id}>
                {i.provider} · {String(i.identity_data?.email ?? i.id)}
              </option>
            ))}
          </select>
        </label>
      </Step>
    </div>
  );
}
