import type { Factor } from '@supabase/supabase-js';
import { when } from './format.js';

/** The user's MFA factors as the admin API lists them, verified or not. */
export function FactorsTable({ factors }: { factors: Factor[] }) {
  if (factors.length === 0) return <p className="muted small">No MFA factors. Enroll one in the MFA flow.</p>;
  return (
    <table className="admin-table" aria-label="MFA factors">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Status</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {factors.map((factor) => (
          <tr key={factor.id}>
            <td>{factor.friendly_name || <span className="muted">(unnamed)</span>}</td>
            <td>{factor.factor_type}</td>
            <td>{factor.status}</td>
            <td className="small">{when(factor.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
