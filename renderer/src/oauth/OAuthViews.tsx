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

/**
 * The identity this return signed in with or linked: GoTrue stamps its last_sign_in_at, so it is
 * the newest. app_metadata.provider cannot tell: it stays the first provider the user signed up with.
 */
function lastSignedIn(identities: UserIdentity[]): UserIdentity | undefined {
  const at = (i: UserIdentity) => Date.parse(i.last_sign_in_at ?? i.updated_at ?? '') || 0;
  return identities.reduce<UserIdentity | undefined>((latest, i) => (!latest || at(i) > at(latest) ? i : latest), undefined);
}

/** What the return from the provider bought: the session, the provider's own tokens, the identities. */
export function OAuthSessionView({ data }: { data: unknown }) {
  const d = (data ?? {}) as { session?: Session | null; user?: User | null; provider_token?: string; provider_refresh_token?: string };
  const session = d.session ?? null;
  const providerToken = session?.provider_token || d.provider_token || '';
  const providerRefresh = session?.provider_refresh_token || d.provider_refresh_token || '';
  const user = session?.user ?? d.user ?? null;
  const returned = lastSignedIn(user?.identities ?? []);
  const providers = Array.isArray(user?.app_metadata.providers) ? (user.app_metadata.providers as unknown[]).map(String) : [];
  return (
    <div>
      <SessionSummary data={data} />
      <table className="compare" aria-label="Provider tokens">
        <tbody>
          <tr>
            <th>this return</th>
            <td aria-label="Provider of this return">{returned ? returned.provider : '—'}</td>
          </tr>
          <tr>
            <th>app_metadata.providers</th>
            <td>{providers.length ? providers.join(', ') : '—'}</td>
          </tr>
          <tr>
            <th>app_metadata.provider</th>
            <td>
              {String(user?.app_metadata.provider ?? '—')}
              {returned && user?.app_metadata.provider && returned.provider !== user.app_metadata.provider && (
                <span className="muted small"> (the provider the user first signed up with: GoTrue keeps it when another identity is linked)</span>
              )}
            </td>
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
