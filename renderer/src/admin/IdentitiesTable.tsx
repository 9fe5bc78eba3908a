import type { User } from '@supabase/supabase-js';
import { when } from './format.js';

/** The user's identities, one row per provider they can sign in with. */
export function IdentitiesTable({ user }: { user: User }) {
  const identities = user.identities ?? [];
  if (identities.length === 0) return <p className="muted small">No identities (a user created with neither email nor phone, or an anonymous one).</p>;
  return (
    <table className="admin-table" aria-label="Identities">
      <thead>
        <tr>
          <th>Provider</th>
          <th>Identity</th>
          <th>Last sign-in</th>
        </tr>
      </thead>
      <tbody>
        {identities.map((identity) => (
          <tr key={identity.identity_id ?? identity.id}>
            <td>{identity.provider}</td>
            <td className="small mono">{String(identity.identity_data?.email ?? identity.identity_data?.phone ?? identity.id)}</td>
            <td className="small">{when(identity.last_sign_in_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
