import { useState } from 'react';
import { redirectTo } from '../desktop/links.js';
import { statusOf } from './format.js';
import type { UserActionProps } from './use-admin-user.js';
import { DeleteUserControls } from './DeleteUserControls.js';

/** Go durations for ban_duration; "none" lifts a ban. */
const BAN_DURATIONS = [
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '168h', label: '7 days' },
  { value: '876000h', label: '100 years' },
];

/** What an admin can do to a user: confirm or ban them, mail them a link, delete them. */
export function UserActions(props: UserActionProps) {
  return (
    <div className="admin-actions">
      <AccountActions {...props} />
      <MailActions {...props} />
      <DeleteUserControls {...props} />
    </div>
  );
}

function AccountActions({ admin, user, running, act }: UserActionProps) {
  const [ban, setBan] = useState('24h');
  const api = admin.client.auth.admin;
  return (
    <div className="row">
      <button
        type="button"
        disabled={running || !!user.email_confirmed_at || !user.email}
        onClick={() => void act('Confirm email', () => api.updateUserById(user.id, { email_confirm: true }))}
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
      <button type="button" disabled={running} onClick={() => void act(`Ban for ${ban}`, () => api.updateUserById(user.id, { ban_duration: ban }))}>
        Ban
      </button>
      <button
        type="button"
        disabled={running || statusOf(user) !== 'banned'}
        onClick={() => void act('Unban', () => api.updateUserById(user.id, { ban_duration: 'none' }))}
      >
        Unban
      </button>
    </div>
  );
}

/** The two mails go out through the anon client as the user's own app would send them; generate_link sends none. */
function MailActions({ admin, user, running, act }: UserActionProps) {
  const email = user.email ?? '';
  return (
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
        onClick={() => void act('Generate magic link', () => admin.client.auth.admin.generateLink({ type: 'magiclink', email }))}
      >
        Generate a link (no mail)
      </button>
    </div>
  );
}
