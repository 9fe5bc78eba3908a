import type { Session, User, UserIdentity } from '@supabase/supabase-js';
import { SessionSummary } from '../jwt/AmrView.js';
import { TokenValue } from '../tokens/TokenValue.js';
import { authorizeParams, passesAsLoopback } from './oauth-urls.js';
import { FactsTable } from '../ui/FactsTable.js';
import { DataTable } from '../ui/DataTable.js';

/** The URL supabase-js built (or GoTrue answered with), parameter by parameter, and the way on. */
export function AuthorizeView({ url, redirectTo, go, goLabel }: { url: string; redirectTo: string; go(): void; goLabel: string }) {
  return (
    <div className="authorize-view">
      <FactsTable label="Authorization URL" rows={authorizeParams(url).map(([name, value]) => [name, <code>{value}</code>])} />
      <p className="small">
        redirect_to <code>{redirectTo}</code>{' '}
        {passesAsLoopback(redirectTo)
          ? 'is a loopback address: GoTrue’s allow-list check passes it on any port.'
          : 'must match SITE_URL or an entry of GOTRUE_URI_ALLOW_LIST ([auth] additional_redirect_urls), or GoTrue sends the user to SITE_URL instead.'}
      </p>
      <button type="button" className="primary" onClick={go}>
        {goLabel}
      </button>
    </div>
  );
}

export function IdentitiesTable({ identities }: { identities: UserIdentity[] }) {
  return (
    <DataTable
      label="Identities"
      empty="No identities."
      rows={identities}
      rowKey={(i) => i.identity_id}
      columns={[
        { header: 'provider', cell: (i) => i.provider },
        { header: 'email', cell: (i) => String(i.identity_data?.email ?? '—') },
        { header: 'provider id', cell: (i) => <code>{i.id}</code> },
        { header: 'identity_id', cell: (i) => <code className="small">{i.identity_id}</code> },
      ]}
    />
  );
}

/** What the return from the provider bought: the session, the provider's own tokens, the identities. */
export function OAuthSessionView({ data }: { data: unknown }) {
  const d = (data ?? {}) as { session?: Session | null; user?: User | null; provider_token?: string; provider_refresh_token?: string };
  const session = d.session ?? null;
  const providerToken = session?.provider_token || d.provider_token || '';
  const providerRefresh = session?.provider_refresh_token || d.provider_refresh_token || '';
  const user = session?.user ?? d.user ?? null;
  return (
    <div>
      <SessionSummary data={data} />
      <table className="compare" aria-label="Provider tokens">
        <tbody>
          <tr>
            <th>provider</th>
            <td>{String(user?.app_metadata.provider ?? '—')}</td>
          </tr>
          <tr>
            <th>provider_token</th>
            <td>{providerToken ? <TokenValue name="provider_token" value={providerToken} /> : '(none)'}</td>
          </tr>
          <tr>
            <th>provider_refresh_token</th>
            <td>{providerRefresh ? <TokenValue name="provider_refresh_token" value={providerRefresh} /> : '(none)'}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        GoTrue hands the provider’s own tokens over on this return only (with PKCE: in the code exchange’s answer); it
        keeps no copy an app could ask for later.
      </p>
      {user?.identities && <IdentitiesTable identities={user.identities} />}
    </div>
  );
}
