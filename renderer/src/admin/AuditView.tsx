import { useState } from 'react';
import { OutcomeView } from '../steps/OutcomeView.js';
import { ExchangeList } from '../wire/ExchangeList.js';
import type { AdminApi, AuditEntry, AuditPage } from './admin-api.js';
import { AdminGate } from './AdminGate.js';
import { when } from './format.js';
import { Pager } from './Pager.js';
import { usePagedList } from './use-paged-list.js';

const PER_PAGE = 50;

/** GET /admin/audit?query=<scope>:<text> searches one of these. */
const SCOPES = [
  { value: 'author', label: 'actor (email or name)' },
  { value: 'action', label: 'action' },
  { value: 'type', label: 'log type' },
] as const;

/** The traits an entry carries, one line: user_email=… provider=… */
function traitsLine(entry: AuditEntry): string {
  return Object.entries(entry.payload.traits ?? {})
    .filter(([, v]) => v !== '' && v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('  ');
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">No audit entries match.</p>;
  return (
    <table className="admin-table audit-table" aria-label="Audit log">
      <thead>
        <tr>
          <th>Time</th>
          <th>Action</th>
          <th>Actor</th>
          <th>Type</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="small nowrap">{when(entry.created_at)}</td>
            <td>
              <code className="audit-action">{entry.payload.action ?? '?'}</code>
            </td>
            <td className="small">{entry.payload.actor_username || entry.payload.actor_name || entry.payload.actor_id || '—'}</td>
            <td className="small">{entry.payload.log_type ?? '—'}</td>
            <td className="small mono audit-traits">{traitsLine(entry)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Audit({ admin }: { admin: AdminApi }) {
  const [scope, setScope] = useState<(typeof SCOPES)[number]['value']>('author');
  const [text, setText] = useState('');
  const list = usePagedList<AuditPage>('Audit log', (page, query) => admin.auditLog({ page, perPage: PER_PAGE, query }), admin);
  const { outcome, data, applied } = list;
  return (
    <section className="step" aria-label="Audit entries">
      <form
        className="row search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          list.search(text.trim() ? `${scope}:${text.trim()}` : '');
        }}
      >
        <select aria-label="Search in" value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          {SCOPES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <input aria-label="Search the audit log" placeholder="e.g. ada@example.com or login" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Search</button>
        <button type="button" onClick={list.reload}>
          Reload
        </button>
      </form>
      {outcome && !outcome.ok && <OutcomeView outcome={outcome} />}
      {data && (
        <>
          <p className="small" aria-label="Entry count">
            {data.total} {data.total === 1 ? 'entry' : 'entries'}
            {applied && <> for <code>{applied}</code></>}, newest first · page {data.page} of {data.lastPage}
          </p>
          <AuditTable entries={data.entries} />
          <Pager page={list.page} lastPage={data.lastPage} onPrevious={list.previous} onNext={list.next} previous="Newer" next="Older" />
        </>
      )}
      {list.runner.result && <ExchangeList entries={list.runner.result.exchanges} />}
    </section>
  );
}

/** GoTrue's audit trail: what happened to whom, as auth.audit_log_entries records it. */
export function AuditView() {
  return (
    <div className="flow admin-view">
      <header className="flow-intro">
        <h2>Audit log</h2>
        <p>
          GET <code>/auth/v1/admin/audit</code> with the service role key: every sign-up, sign-in, refresh, sign-out and admin
          change GoTrue recorded, newest first. Search narrows by actor, action or log type (<code>?query=author:…</code>).
        </p>
      </header>
      <AdminGate>{(admin) => <Audit admin={admin} />}</AdminGate>
    </div>
  );
}
