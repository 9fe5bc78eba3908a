import { useState } from 'react';
import { useSessionState } from '../ui/use-session-state.js';
import type { AdminApi } from './admin-api.js';
import { AdminGate } from './AdminGate.js';
import { CreateUserStep } from './CreateUserStep.js';
import { usePagedList } from './use-paged-list.js';
import { findUsers, type FoundUsers } from './user-search.js';
import { UserDetail } from './UserDetail.js';
import { UserList } from './UserList.js';

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

/** The list is shared: creating, changing or deleting a user reloads it. */
function Users({ admin }: { admin: AdminApi }) {
  const [selected, setSelected] = useSessionState<string | null>('authlab.users.selected', () => null);
  const [notice, setNotice] = useState('');
  const list = usePagedList<FoundUsers>('List users', (page, query) => findUsers(admin, { page, perPage: PER_PAGE, query }), admin);

  function open(userId: string | null, message = '') {
    setSelected(userId);
    setNotice(message);
  }

  return (
    <>
      <CreateUserStep
        admin={admin}
        onCreated={(userId) => {
          open(userId);
          list.reload();
        }}
      />
      <UserList list={list} perPage={PER_PAGE} selected={selected} onSelect={(userId) => open(userId)} notice={notice} />
      {selected && (
        <UserDetail
          key={selected}
          admin={admin}
          userId={selected}
          onChanged={list.reload}
          onDeleted={(message) => {
            open(null, message);
            list.reload();
          }}
        />
      )}
    </>
  );
}
