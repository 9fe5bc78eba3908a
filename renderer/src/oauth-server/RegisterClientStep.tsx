import type { OAuthClient } from '@supabase/supabase-js';
import { AdminKeyPanel } from '../admin/AdminKeyPanel.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { Step } from '../steps/Step.js';
import { ClientView } from './OAuthServerViews.js';
import type { ThirdPartyApp } from './use-third-party-app.js';

/** The project registers the third-party app as a public client (service role). */
export function RegisterClientStep({ thirdParty }: { thirdParty: ThirdPartyApp }) {
  const { admin } = useExplorer();
  return (
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
          redirect_uris: [thirdParty.redirectUri],
          token_endpoint_auth_method: 'none',
        });
        if (created.data) thirdParty.registered(created.data);
        return created;
      }}
      renderData={(d) => <ClientView client={d as OAuthClient} />}
    >
      {!admin && <AdminKeyPanel />}
      <p className="small">
        Redirect URI: <code>{thirdParty.redirectUri}</code>
      </p>
    </Step>
  );
}
