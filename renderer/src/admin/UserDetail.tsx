import { OutcomeView } from '../steps/OutcomeView.js';
import { ExchangeList } from '../wire/ExchangeList.js';
import type { AdminApi } from './admin-api.js';
import { FactorsTable } from './FactorsTable.js';
import { statusOf, userLabel } from './format.js';
import { IdentitiesTable } from './IdentitiesTable.js';
import { LastAction } from './LastAction.js';
import { MetadataEditor, RawUserJson } from './MetadataEditor.js';
import { SessionsNote } from './SessionsNote.js';
import { StatusBadge } from './StatusBadge.js';
import { useAdminUser } from './use-admin-user.js';
import { UserActions } from './UserActions.js';
import { UserFacts } from './UserFacts.js';

interface Props {
  admin: AdminApi;
  userId: string;
  /** Something about the user changed: the list reloads. */
  onChanged(): void;
  onDeleted(message: string): void;
}

/** One user: what GoTrue's admin API says about them, and what an admin can do to them. */
export function UserDetail({ admin, userId, onChanged, onDeleted }: Props) {
  const { outcome, loaded, loadExchanges, lastAction, running, act } = useAdminUser(admin, userId, onChanged);
  const user = loaded?.user;
  const status = user ? statusOf(user) : null;
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
              <UserFacts user={user} />
            </div>
            <div>
              <h4>Identities</h4>
              <IdentitiesTable user={user} />
              <h4>MFA factors</h4>
              <FactorsTable factors={loaded.factors} />
              <h4>Sessions</h4>
              <SessionsNote user={user} />
            </div>
          </div>

          {/* the list may reload at the same time: keep only this user's calls */}
          {loadExchanges && <ExchangeList entries={loadExchanges.filter((e) => e.url.includes(userId))} />}

          <h4>Metadata</h4>
          <MetadataEditor
            key={JSON.stringify([user.user_metadata, user.app_metadata])}
            user={user}
            busy={running}
            onSave={(changes) => void act('Save metadata', () => admin.client.auth.admin.updateUserById(userId, changes))}
          />
          <RawUserJson user={user} />

          <h4>Actions</h4>
          <UserActions admin={admin} user={user} running={running} act={act} onDeleted={onDeleted} />
        </>
      )}
      {lastAction && <LastAction result={lastAction} />}
    </section>
  );
}
