import { Step } from '../steps/Step.js';
import { sampleEmail } from '../ui/sample-email.js';
import { useSessionState } from '../ui/use-session-state.js';
import type { AdminApi } from './admin-api.js';

/** Creates a user the way a server or Studio does, with the admin API; the new user opens at once. */
export function CreateUserStep({ admin, onCreated }: { admin: AdminApi; onCreated(userId: string): void }) {
  const [email, setEmail] = useSessionState('authlab.users.email', () => sampleEmail('ada'));
  const [password, setPassword] = useSessionState('authlab.users.password', () => 'secret-123');
  const [confirm, setConfirm] = useSessionState('authlab.users.confirm', () => true);
  return (
    <Step
      title="Create a user"
      why="POST /admin/users (auth.admin.createUser): no sign-up mail, no password strength check. email_confirm marks the address confirmed at once, as Studio’s “Auto Confirm User?” does."
      button="Create user"
      run={async () => {
        const result = await admin.client.auth.admin.createUser({ email, password, email_confirm: confirm });
        if (result.data.user) onCreated(result.data.user.id);
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
  );
}
