import type { Provider, SupabaseClient, UserIdentity } from '@supabase/supabase-js';
import { useState } from 'react';
import { redirectTo } from '../desktop/links.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { authorizeUrlResult, type BuiltUrl } from './AuthorizeUrlResult.js';
import { IdentitiesTable } from './OAuthViews.js';
import { providerTitle, ProviderSelect } from './ProviderSelect.js';

interface Props {
  /** The flow's route: where the provider sends the browser back to. */
  route: string;
  /** The signed-in device's auth, for GET /user and DELETE /user/identities. */
  auth: SupabaseClient['auth'];
  /** The client of the chosen flow type (PKCE or implicit), which builds the link URL. */
  linkingAuth(): SupabaseClient['auth'];
  providers: string[];
  /** The provider the user signed in with: the one to link defaults to another. */
  signInProvider: string;
}

const identitiesOf = (data: unknown) => <IdentitiesTable identities={(data as { identities: UserIdentity[] }).identities} />;

/** The user's identities: list them, link another provider's account, unlink one. */
export function IdentitySteps({ route, auth, linkingAuth, providers, signInProvider }: Props) {
  const [pickedLink, setPickedLink] = useSessionState(`authlab.${route}.link-provider`, () => '');
  const [identities, setIdentities] = useState<UserIdentity[]>([]);
  const [unlinkId, setUnlinkId] = useState('');
  const linkProvider = providers.includes(pickedLink) ? pickedLink : (providers.find((p) => p !== signInProvider) ?? signInProvider);
  const toUnlink = identities.find((i) => i.identity_id === unlinkId) ?? identities[0];

  return (
    <>
      <Step
        title="List the identities"
        why="getUserIdentities() reads GET /user: one identity per provider the user signed in with (email, phone, each OAuth provider)."
        button="List identities"
        run={async () => {
          const result = await auth.getUserIdentities();
          if (result.data) setIdentities(result.data.identities);
          return result;
        }}
        renderData={identitiesOf}
      />

      <Step
        title="Link another identity"
        why="linkIdentity asks GoTrue (GET /user/identities/authorize, with the session's JWT) for the provider's URL; the account chosen there is added to this user. GoTrue allows it only with manual linking on (GOTRUE_SECURITY_MANUAL_LINKING_ENABLED=true, [auth] enable_manual_linking = true): otherwise 404 manual_linking_disabled. /settings does not report this setting, so trying is the only way to tell."
        button={`Link ${linkProvider ? providerTitle(linkProvider) : '…'}`}
        disabled={!linkProvider}
        run={async () => {
          const back = await redirectTo(route);
          const { data, error } = await linkingAuth().linkIdentity({
            provider: linkProvider as Provider,
            options: { redirectTo: back, skipBrowserRedirect: true },
          });
          if (error) return { data: null, error };
          return { data: { url: data.url, redirectTo: back } satisfies BuiltUrl, error: null };
        }}
        renderData={authorizeUrlResult(route, `Continue to ${providerTitle(linkProvider)}`)}
      >
        <ProviderSelect label="Provider to link" value={linkProvider} providers={providers} onChange={setPickedLink} />
      </Step>

      <Step
        title="Unlink an identity"
        why="unlinkIdentity sends DELETE /user/identities/<identity_id> (manual linking on, as above). GoTrue refuses to remove the last identity (single_identity_not_deletable); the list is read again afterwards."
        button="Unlink"
        disabled={!toUnlink}
        run={async () => {
          const result = await auth.unlinkIdentity(toUnlink!);
          if (result.error) return result;
          const after = await auth.getUserIdentities();
          if (after.data) setIdentities(after.data.identities);
          return after;
        }}
        renderData={identitiesOf}
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
    </>
  );
}
