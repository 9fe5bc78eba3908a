import type { Session } from '@supabase/supabase-js';
import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { Step } from '../steps/Step.js';
import { SendToWorkbench } from '../tokens/SendToWorkbench.js';
import { maskSecret } from '../wire/mask.js';

interface Rotation {
  before: Session;
  after: Session;
}

function sessionIdOf(session: Session): string {
  const id = decodeJwt(session.access_token)?.claims.session_id;
  return typeof id === 'string' ? id : '(none)';
}

function expiresAt(session: Session): string {
  return session.expires_at ? new Date(session.expires_at * 1000).toLocaleTimeString() : '—';
}

/** Old and new side by side: what rotated, and what stayed. */
function RotationTable({ before, after }: Rotation) {
  const sameSession = sessionIdOf(before) === sessionIdOf(after);
  const rotated = before.refresh_token !== after.refresh_token;
  return (
    <table className="compare" aria-label="Before and after the refresh">
      <thead>
        <tr>
          <th />
          <th>before</th>
          <th>after</th>
          <th />
        </tr>
      </thead>
      <tbody>
        <tr>
          <th>refresh token</th>
          <td><code>{maskSecret(before.refresh_token)}</code></td>
          <td><code>{maskSecret(after.refresh_token)}</code></td>
          <td className={rotated ? 'verdict-ok' : 'verdict-bad'}>{rotated ? 'rotated' : 'unchanged'}</td>
        </tr>
        <tr>
          <th>session_id</th>
          <td><code>{sessionIdOf(before)}</code></td>
          <td><code>{sessionIdOf(after)}</code></td>
          <td className={sameSession ? 'verdict-ok' : 'verdict-bad'}>{sameSession ? 'same session' : 'new session'}</td>
        </tr>
        <tr>
          <th>access token expires</th>
          <td>{expiresAt(before)}</td>
          <td>{expiresAt(after)}</td>
          <td className="verdict-neutral">new access token</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Refresh-token rotation: each refresh spends the old refresh token and hands out a new one. */
export function RefreshFlow() {
  const device = useDevice('A');
  const session = useSession(device);

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Refresh</h2>
        <p>
          Access tokens are short-lived; the refresh token buys a new one. GoTrue rotates refresh tokens: every refresh
          returns a new refresh token for the <em>same</em> session. Runs on <strong>{device.label}</strong>
          {session ? '.' : ' — sign in first (Password flow).'}
        </p>
      </header>

      <Step
        title="Refresh the session"
        why="Spends the current refresh token (POST /token?grant_type=refresh_token) and stores the new pair."
        button="Refresh session"
        disabled={!session}
        run={async () => {
          // read from storage rather than React state: it is what supabase-js will actually send
          const { data: current } = await device.client.auth.getSession();
          if (!current.session) throw new Error('No session on this device: sign in first.');
          const before = current.session;
          const { data, error } = await device.client.auth.refreshSession();
          if (error || !data.session) return { data: null, error: error ?? new Error('No session returned') };
          return { data: { before, after: data.session } satisfies Rotation, error: null };
        }}
        renderData={(data) => {
          const rotation = data as Rotation;
          return (
            <>
              <RotationTable {...rotation} />
              <SendToWorkbench token={rotation.after.access_token} compareWith={rotation.before.access_token} label="Compare the access tokens in Tokens" />
            </>
          );
        }}
      />
    </div>
  );
}
