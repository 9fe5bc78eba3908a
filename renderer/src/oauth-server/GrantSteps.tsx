import type { OAuthGrant, SupabaseClient } from '@supabase/supabase-js';
import { Step } from '../steps/Step.js';
import { GrantsTable, RevokedView } from './OAuthServerViews.js';
import type { ThirdPartyApp } from './use-third-party-app.js';

interface Props {
  auth: SupabaseClient['auth'];
  signedIn: boolean;
  thirdParty: ThirdPartyApp;
}

/** The user's side after consenting: the apps they granted, and taking a grant back. */
export function GrantSteps({ auth, signedIn, thirdParty }: Props) {
  const { app, client, tokens } = thirdParty;
  return (
    <>
      <Step
        title="List the user’s grants"
        why="oauth.listGrants() → GET /user/oauth/grants: the apps this user has consented to, with the scopes granted (what an account page’s “connected apps” shows)."
        button="List grants"
        disabled={!signedIn}
        run={() => auth.oauth.listGrants()}
        renderData={(d) => <GrantsTable grants={d as OAuthGrant[]} />}
      />

      <Step
        title="Revoke the grant"
        why="oauth.revokeGrant({ clientId }) → DELETE /user/oauth/grants?client_id=… (204). GoTrue marks the consent revoked and deletes the user’s sessions of that client, so the app’s refresh token stops working; the refresh is tried right after to show it."
        button="Revoke and try a refresh"
        disabled={!signedIn || !client}
        run={async () => {
          const revoked = await auth.oauth.revokeGrant({ clientId: client!.client_id });
          if (revoked.error || !tokens?.refresh_token) return revoked;
          const after = await app.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client!.client_id });
          return { data: { refreshAfterRevoke: after.error ?? 'the refresh still worked' }, error: null };
        }}
        renderData={(d) => <RevokedView data={d} />}
      />
    </>
  );
}
