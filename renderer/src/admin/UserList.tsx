import { OutcomeView } from '../steps/OutcomeView.js';
import { useSessionState } from '../ui/use-session-state.js';
import { ExchangeList } from '../wire/ExchangeList.js';
import { Pager } from './Pager.js';
import type { usePagedList } from './use-paged-list.js';
import { userQueryKind, type FoundUsers } from './user-search.js';
import { UserTable } from './UserTable.js';

interface Props {
  list: ReturnType<typeof usePagedList<FoundUsers>>;
  perPage: number;
  selected: string | null;
  onSelect(id: string): void;
  /** What happened to a user who left the list (a delete), said above it. */
  notice: string;
}

/** The list's own calls: the pages, or the one user an id search looked up. */
function isListCall(url: string, applied: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /\/admin\/users$/.test(path) || (userQueryKind(applied) === 'id' && path.endsWith(`/admin/users/${applied}`));
}

/** Search, count, one page of users and the pager, with the calls that fetched them. */
export function UserList({ list, perPage, selected, onSelect, notice }: Props) {
  const [filter, setFilter] = useSessionState('authlab.users.filter', () => '');
  const { outcome, data, applied } = list;
  return (
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
        <button type="button" onClick={list.reload}>
          Reload
        </button>
      </form>
      <p className="muted small">
        An email or name goes to GET /admin/users?filter=, which matches the email (case-sensitive, as GoTrue’s{' '}
        <code>LIKE</code>) or <code>user_metadata.full_name</code>, newest first, {perPage} a page. GoTrue’s filter
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
          <UserTable page={data} selected={selected} onSelect={onSelect} />
          <Pager page={list.page} lastPage={data.lastPage} onPrevious={list.previous} onNext={list.next} previous="Previous page" next="Next page" />
        </>
      )}
      {/* a user's details may load at the same time: keep only the list's own call */}
      {list.runner.result && <ExchangeList entries={list.runner.result.exchanges.filter((e) => isListCall(e.url, applied))} />}
    </section>
  );
}
