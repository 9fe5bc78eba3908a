import { useState } from 'react';
import { OutcomeView } from '../steps/OutcomeView.js';
import { Step } from '../steps/Step.js';
import { sampleEmail } from '../ui/sample-email.js';
import { useSessionState } from '../ui/use-session-state.js';
import { ExchangeList } from '../wire/ExchangeList.js';
import type { AdminApi, UserPage } from './admin-api.js';
import { findUsers, userQueryKind, type FoundUsers } from './user-search.js';
import { AdminGate } from './AdminGate.js';
import { statusOf, userLabel, when } from './format.js';
import { Pager } from './Pager.js';
import { usePagedList } from './use-paged-list.js';
import { StatusBadge } from './StatusBadge.js';
import { UserDetail } from './UserDetail.js';

const PER_PAGE = 20;

/** Users like Supabase Studio's auth page: list and search, create, and one user's details and actions. */
export function UsersView() {
  return (
    <div className="flow admin-view">
      <header className="flow-intro">
        <h2>Users</h2>
        <p>
          GoTrue’s admin API (<code>/auth/v1/admin/users</code>), called with the local stack’s service role key as a
          server or Supabase Studio would. Every call shows in the HTTP exchanges below it, keys masked. Mail sent from
          here lands in the <a href="#/inbox">Inbox</a>.
        </p>
      </header>
      <AdminGate>{(admin) => <Users admin={admin} />}</AdminGate>
    </div>
  );
}

/** The list's own calls: the pages, or the one user an id search looked up. */
function isListCall(url: string, applied: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /\/admin\/users$/.test(path) || (userQueryKind(applied) === 'id' && path.endsWith(`/admin/users/${applied}`));
}

function UserTable({ page, selected, onSelect }: { page: UserPage; selected: string | null; onSelect(id: string): void }) {
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

function Users({ admin }: { admin: AdminApi }) {
  const [filter, setFilter] = useSessionState('authlab.users.filter', () => '');
  const [selected, setSelected] = useSessionState<string | null>('authlab.users.selected', () => null);
  const [notice, setNotice] = useState('');
  const [email, setEmail] = useSessionState('authlab.users.email', () => sampleEmail('ada'));
  const [password, setPassword] = useSessionState('authlab.users.password', () => 'secret-123');
  const [confirm, setConfirm] = useSessionState('authlab.users.confirm', () => true);
  const list = usePagedList<FoundUsers>('List users', (page, query) => findUsers(admin, { page, perPage: PER_PAGE, query }), admin);
  const { outcome, data, applied, reload: refresh } = list;

  return (
    <>
      <Step
        title="Create a user"
        why="POST /admin/users (auth.admin.createUser): no sign-up mail, no password strength check. email_confirm marks the address confirmed at once, as Studio’s “Auto Confirm User?” does."
        button="Create user"
        run={async () => {
          const result = await admin.client.auth.admin.createUser({ email, password, email_confirm: confirm });
          if (result.data.user) {
            setSelected(result.data.user.id);
            setNotice('');
            refresh();
          }
          return result;
        }}
        renderData={(d) => <p className="small">Created {(d as { user?: { email?: string } }).user?.email}.</p>}
      >
        <div className="row inputs-row">
          <label>
            Email
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label>
            Password
            <input type="text" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Confirm the email now
          </label>
        </div>
      </Step>

      <section className="step" aria-label="User list">
        <form
          className="row search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            list.search(filter.trim());
          }}
        >
          <input
            aria-label="Search users"
            placeholder="Search by email, full name, phone or user id"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="submit">Search</button>
          <button type="button" onClick={refresh}>
            Reload
          </button>
        </form>
        <p className="muted small">
          An email or name goes to GET /admin/users?filter=, which matches the email (case-sensitive, as GoTrue’s{' '}
          <code>LIKE</code>) or <code>user_metadata.full_name</code>, newest first, {PER_PAGE} a page. GoTrue’s filter
          ignores phones and ids, so a user id is looked up with GET /admin/users/{'{id}'}, and a phone number is matched
          here against every page of users.
        </p>
        {notice && (
          <p className="mail-note ok" role="status">
            {notice}
          </p>
        )}
        {outcome && !outcome.ok && <OutcomeView outcome={outcome} />}
        {data && (
          <>
            <p className="small" aria-label="User count">
              {data.total} {data.total === 1 ? 'user' : 'users'}
              {applied && <> matching “{applied}”</>}
              {data.kind === 'id' && <> (by id)</>}
              {data.kind === 'phone' && <> (by phone)</>} · page {data.page} of {data.lastPage}
            </p>
            {data.truncated && <p className="mail-note warn">Only the newest 20000 users were searched for this phone.</p>}
            <UserTable page={data} selected={selected} onSelect={(id) => { setSelected(id); setNotice(''); }} />
            <Pager page={list.page} lastPage={data.lastPage} onPrevious={list.previous} onNext={list.next} previous="Previous page" next="Next page" />
          </>
        )}
        {/* a user's details may load at the same time: keep only the list's own call */}
        {list.runner.result && <ExchangeList entries={list.runner.result.exchanges.filter((e) => isListCall(e.url, applied))} />}
      </section>

      {selected && (
        <UserDetail
          key={selected}
          admin={admin}
          userId={selected}
          onChanged={refresh}
          onDeleted={(message) => {
            setSelected(null);
            setNotice(message);
            refresh();
          }}
        />
      )}
    </>
  );
}
