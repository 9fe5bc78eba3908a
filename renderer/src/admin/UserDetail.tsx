import type { Factor, User } from '@supabase/supabase-js';
import { useEffect, useState } from 'react';
import { redirectTo } from '../desktop/links.js';
import { OutcomeView } from '../steps/OutcomeView.js';
import { useStepRunner } from '../steps/use-step-runner.js';
import { ExchangeList } from '../wire/ExchangeList.js';
import type { AdminApi } from './admin-api.js';
import { bannedUntil, deletedAt, statusOf, userLabel, when, type UserStatus } from './format.js';
import { FactsTable } from '../ui/FactsTable.js';
import { MetadataEditor, RawUserJson } from './MetadataEditor.js';

interface Props {
  admin: AdminApi;
  userId: string;
  /** Something about the user changed: the list reloads. */
  onChanged(): void;
  onDeleted(message: string): void;
}

interface Loaded {
  user: User;
  factors: Factor[];
}

/** Go durations for ban_duration; "none" lifts a ban. */
const BAN_DURATIONS = [
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '168h', label: '7 days' },
  { value: '876000h', label: '100 years' },
];

const STATUS_LABEL: Record<UserStatus, string> = {
  confirmed: 'confirmed',
  unconfirmed: 'waiting for verification',
  banned: 'banned',
  deleted: 'soft-deleted',
  anonymous: 'anonymous',
};

export function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`status-badge status-${status}`}>{STATUS_LABEL[status]}</span>;
}

function Facts({ user }: { user: User }) {
  const banned = bannedUntil(user);
  const rows: [string, string][] = [
    ['id', user.id],
    ['email', user.email || '—'],
    ['phone', user.phone ? `+${user.phone}` : '—'],
    ['role', user.role ?? '—'],
    ['created', when(user.created_at)],
    ['email confirmed', when(user.email_confirmed_at)],
    ['last sign-in', when(user.last_sign_in_at)],
    ['banned until', banned ? when(banned) : '—'],
  ];
  const deleted = deletedAt(user);
  if (deleted) rows.push(['deleted', when(deleted)]);
  return (
    <FactsTable label="User facts" className="compare facts" rows={rows} />
  );
}

function Identities({ user }: { user: User }) {
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

function Factors({ factors }: { factors: Factor[] }) {
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

/** One user: what GoTrue's admin API says about them, and what an admin can do to them. */
export function UserDetail({ admin, userId, onChanged, onDeleted }: Props) {
  const loader = useStepRunner();
  const action = useStepRunner();
  const [version, setVersion] = useState(0);
  const [ban, setBan] = useState('24h');
  const [soft, setSoft] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const api = admin.client.auth.admin;

  useEffect(() => {
    void loader.run('Load user', async () => {
      const { data, error } = await api.getUserById(userId);
      if (error) return { data: null, error };
      const factors = await api.mfa.listFactors({ userId });
      if (factors.error) return { data: null, error: factors.error };
      return { data: { user: data.user, factors: factors.data.factors } satisfies Loaded, error: null };
    });
    // loader.run changes identity every render
  }, [admin, userId, version]);

  const outcome = loader.result?.outcome;
  const loaded = outcome?.ok ? (outcome.data as Loaded) : null;
  const user = loaded?.user;

  async function act(label: string, run: () => Promise<unknown>, after?: () => void) {
    const result = await action.run(label, run);
    if (!result.ok) return;
    if (after) return after();
    setVersion((v) => v + 1);
    onChanged();
  }

  const email = user?.email ?? '';
  const status = user ? statusOf(user) : null;
  const running = action.running || loader.running;
  return (
    <section className="step user-detail" aria-label="User details">
      <div className="user-detail-head">
        <h3>{user ? userLabel(user) : 'Loading the user…'}</h3>
        {status && <StatusBadge status={status} />}
      </div>
      {outcome && !outcome.ok && <OutcomeView outcome={outcome} />}
      {user && loaded && (
        <>
          <div className="detail-columns">
            <div>
              <h4>Profile</h4>
              <Facts user={user} />
            </div>
            <div>
              <h4>Identities</h4>
              <Identities user={user} />
              <h4>MFA factors</h4>
              <Factors factors={loaded.factors} />
              <h4>Sessions</h4>
              <p className="muted small" aria-label="Sessions">
                Not exposed by GoTrue’s API: there is no endpoint that lists a user’s sessions (Studio reads{' '}
                <code>auth.sessions</code> from Postgres). What the API says: {user.last_sign_in_at ? <>last sign-in {when(user.last_sign_in_at)}</> : 'never signed in'}. The{' '}
                <a href="#/devices">Multi-session devices</a> view shows sessions from the devices’ side; banning the user
                refuses their refresh tokens.
              </p>
            </div>
          </div>

          {loader.result && <ExchangeList entries={loader.result.exchanges.filter((e) => e.url.includes(userId))} />}

          <h4>Metadata</h4>
          <MetadataEditor
            key={JSON.stringify([user.user_metadata, user.app_metadata])}
            user={user}
            busy={running}
            onSave={(changes) => void act('Save metadata', () => api.updateUserById(userId, changes))}
          />
          <RawUserJson user={user} />

          <h4>Actions</h4>
          <div className="admin-actions">
            <div className="row">
              <button
                type="button"
                disabled={running || !!user.email_confirmed_at || !email}
                onClick={() => void act('Confirm email', () => api.updateUserById(userId, { email_confirm: true }))}
              >
                Confirm email
              </button>
              <label className="inline">
                Ban for
                <select aria-label="Ban duration" value={ban} onChange={(e) => setBan(e.target.value)}>
                  {BAN_DURATIONS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label} ({d.value})
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={running} onClick={() => void act(`Ban for ${ban}`, () => api.updateUserById(userId, { ban_duration: ban }))}>
                Ban
              </button>
              <button
                type="button"
                disabled={running || status !== 'banned'}
                onClick={() => void act('Unban', () => api.updateUserById(userId, { ban_duration: 'none' }))}
              >
                Unban
              </button>
            </div>
            <div className="row">
              <button
                type="button"
                disabled={running || !email}
                onClick={() =>
                  void act('Send magic link', async () =>
                    admin.anon.auth.signInWithOtp({ email, options: { shouldCreateUser: false, emailRedirectTo: await redirectTo('users') } }),
                  )
                }
              >
                Send magic link
              </button>
              <button
                type="button"
                disabled={running || !email}
                onClick={() => void act('Send password recovery', async () => admin.anon.auth.resetPasswordForEmail(email, { redirectTo: await redirectTo('users') }))}
              >
                Send password recovery
              </button>
              <button
                type="button"
                disabled={running || !email}
                onClick={() => void act('Generate magic link', () => api.generateLink({ type: 'magiclink', email }))}
              >
                Generate a link (no mail)
              </button>
            </div>
            <div className="row">
              <label className="inline">
                <input type="checkbox" checked={soft} onChange={(e) => setSoft(e.target.checked)} /> Soft delete (keep the row, scramble
                the email and phone)
              </label>
              {!confirmingDelete ? (
                <button type="button" className="danger" disabled={running} onClick={() => setConfirmingDelete(true)}>
                  Delete user…
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    className="danger primary-danger"
                    disabled={running}
                    onClick={() =>
                      void act(soft ? 'Soft delete' : 'Delete', () => api.deleteUser(userId, soft), () =>
                        onDeleted(`${soft ? 'Soft-deleted' : 'Deleted'} ${userLabel(user)}.`),
                      )
                    }
                  >
                    {soft ? 'Yes, soft delete' : 'Yes, delete for good'}
                  </button>
                  <button type="button" onClick={() => setConfirmingDelete(false)}>
                    Cancel
                  </button>
                </>
              )}
            </div>
          </div>
        </>
      )}
      {action.result && (
        <div className="result" aria-label="Last action">
          <p className="muted small">Last action: {action.result.label}</p>
          <OutcomeView outcome={action.result.outcome} renderData={(data) => <ActionSummary label={action.result?.label ?? ''} data={data} />} />
          <ExchangeList entries={action.result.exchanges} />
        </div>
      )}
    </section>
  );
}

/** One line about what an action did, instead of the raw answer. */
function ActionSummary({ label, data }: { label: string; data: unknown }) {
  if (label.startsWith('Send')) {
    return (
      <p className="small">
        GoTrue answered 200 and sent the mail: see it in the <a href="#/inbox">Inbox</a>.
      </p>
    );
  }
  if (label === 'Generate magic link') {
    const link = (data as { properties?: { action_link?: string } }).properties?.action_link;
    return (
      <p className="small">
        generate_link sends no mail; the link is yours to deliver: <code className="mail-token">{link}</code>
      </p>
    );
  }
  const user = (data as { user?: User | null } | null)?.user;
  if (user && label === 'Save metadata') return <p className="small">Saved the metadata of {userLabel(user)}.</p>;
  if (user) return <p className="small">{userLabel(user)} is now {STATUS_LABEL[statusOf(user)]}.</p>;
  return null;
}
