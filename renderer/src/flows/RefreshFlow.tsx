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

function claimOf(session: Session, name: string): unknown {
  return decodeJwt(session.access_token)?.claims[name];
}

function localTime(epoch: unknown): string {
  return typeof epoch === 'number' ? new Date(epoch * 1000).toLocaleTimeString() : '—';
}

/** The JWT's last part: what tells two tokens apart when their claims are the same. */
function signatureTail(token: string): string {
  const signature = token.split('.')[2] ?? '';
  return signature ? `…${signature.slice(-10)}` : '(none)';
}

/** Old and new side by side: what rotated, and what stayed. */
function RotationTable({ before, after }: Rotation) {
  const sameSession = sessionIdOf(before) === sessionIdOf(after);
  const rotated = before.refresh_token !== after.refresh_token;
  const sameToken = before.access_token === after.access_token;
  const [iatBefore, iatAfter] = [claimOf(before, 'iat'), claimOf(after, 'iat')];
  const sameSecond = iatBefore === iatAfter;
  const jti = claimOf(after, 'jti');
  return (
    <>
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
            <th>access token signature</th>
            <td><code>{signatureTail(before.access_token)}</code></td>
            <td><code>{signatureTail(after.access_token)}</code></td>
            <td className="verdict-neutral">{sameToken ? 'identical token' : 'new token'}</td>
          </tr>
          {jti !== undefined && (
            <tr>
              <th>jti</th>
              <td><code>{String(claimOf(before, 'jti'))}</code></td>
              <td><code>{String(jti)}</code></td>
              <td className="verdict-neutral">{claimOf(before, 'jti') === jti ? 'same' : 'new'}</td>
            </tr>
          )}
          <tr>
            <th>issued (iat)</th>
            <td>{localTime(iatBefore)}</td>
            <td>{localTime(iatAfter)}</td>
            <td className="verdict-neutral">{sameSecond ? 'same second' : 'later'}</td>
          </tr>
          <tr>
            <th>access token expires</th>
            <td>{localTime(before.expires_at)}</td>
            <td>{localTime(after.expires_at)}</td>
            <td className="verdict-neutral">{before.expires_at === after.expires_at ? 'same second' : 'later'}</td>
          </tr>
        </tbody>
      </table>
      {sameSecond && (
        <p className="small" aria-label="Why the times are equal">
          Both access tokens were issued within the same second: iat and exp count whole seconds, so they are equal.
          What changed is the refresh token (the old one is spent){' '}
          {sameToken
            ? 'and nothing else: the access token has no jti, every claim is the same and an HS256 signature of the same claims is the same, so the new access token is byte for byte the old one.'
            : 'and the access token’s signature.'}{' '}
          Refresh again a second later to see iat and exp move.
        </p>
      )}
    </>
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
