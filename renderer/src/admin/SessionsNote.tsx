import type { User } from '@supabase/supabase-js';
import { when } from './format.js';

/** GoTrue has no endpoint listing a user's sessions, so this says so and points at what there is instead. */
export function SessionsNote({ user }: { user: User }) {
  return (
    <p className="muted small" aria-label="Sessions">
      Not exposed by GoTrue’s API: there is no endpoint that lists a user’s sessions (Studio reads{' '}
      <code>auth.sessions</code> from Postgres). What the API says: {user.last_sign_in_at ? <>last sign-in {when(user.last_sign_in_at)}</> : 'never signed in'}. The{' '}
      <a href="#/devices">Multi-session devices</a> view shows sessions from the devices’ side; banning the user
      refuses their refresh tokens.
    </p>
  );
}
