import type { UserPage } from './admin-api.js';
import { statusOf, userLabel, when } from './format.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  page: UserPage;
  selected: string | null;
  onSelect(id: string): void;
}

/** One page of users; a row's name is the button that opens that user's details. */
export function UserTable({ page, selected, onSelect }: Props) {
  if (page.users.length === 0) return <p className="muted">No users match.</p>;
  return (
    <table className="admin-table" aria-label="Users">
      <thead>
        <tr>
          <th>User</th>
          <th>Status</th>
          <th>Providers</th>
          <th>Created</th>
          <th>Last sign-in</th>
        </tr>
      </thead>
      <tbody>
        {page.users.map((user) => (
          <tr key={user.id} className={user.id === selected ? 'selected' : undefined}>
            <td>
              <button type="button" className="row-link" onClick={() => onSelect(user.id)} aria-pressed={user.id === selected}>
                {userLabel(user)}
              </button>
              <div className="muted small mono">{user.id}</div>
            </td>
            <td>
              <StatusBadge status={statusOf(user)} />
            </td>
            <td className="small">{((user.app_metadata.providers as string[] | undefined) ?? []).join(', ') || '—'}</td>
            <td className="small">{when(user.created_at)}</td>
            <td className="small">{when(user.last_sign_in_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
