import type { Session } from '@supabase/supabase-js';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { StepResultBlock } from '../steps/StepResultBlock.js';
import { useStepRunner, type StepResult } from '../steps/use-step-runner.js';
import { maskSecret } from '../wire/mask.js';
import type { Device } from './device.js';
import { useServerVerdict } from './use-server-verdict.js';
import { useSession } from './use-session.js';

interface Props {
  device: Device;
  credentials: { email: string; password: string };
  /** Sign-out buttons on the panel itself, one per scope (the multi-session view). */
  signOutScopes?: boolean;
}

const SIGN_OUT: { scope: 'local' | 'others' | 'global'; label: string }[] = [
  { scope: 'local', label: 'Sign out local' },
  { scope: 'others', label: 'Sign out others' },
  { scope: 'global', label: 'Sign out global' },
];

function shortSessionId(session: Session): string {
  const id = decodeJwt(session.access_token)?.claims.session_id;
  return typeof id === 'string' ? id.slice(0, 8) : '(none)';
}

/** One line for a successful call: enough to follow the story without the full JSON. */
function summary(data: unknown): string {
  const value = data as { session?: Session | null; user?: { email?: string } | null } | null;
  if (value?.session) return `session ${shortSessionId(value.session)}…, refresh token ${maskSecret(value.session.refresh_token)}`;
  if (value?.user?.email) return `GoTrue says: ${value.user.email}`;
  return '';
}

/** What the last call says about the stored session, if it said anything. */
function ServerVerdict({ result, hasSession }: { result: StepResult | null; hasSession: boolean }) {
  if (!result || !hasSession) return null;
  const { outcome } = result;
  if (outcome.ok) return <p className="verdict verdict-accepted">GoTrue accepts this session (last check: {result.label}).</p>;
  if (outcome.status === undefined || outcome.status >= 500) return null;
  return (
    <p className="verdict verdict-refused">
      GoTrue refused this session ({outcome.code ?? `HTTP ${outcome.status}`}). supabase-js still keeps it while its access
      token has not expired; an app would now sign this device out locally.
    </p>
  );
}

/**
 * A device seen from the outside: the session it has stored (which it believes in until a call
 * says otherwise) and what the server answered last time it asked.
 */
export function DevicePanel({ device, credentials, signOutScopes }: Props) {
  const session = useSession(device);
  const refused = useServerVerdict(device)?.state === 'refused';
  const runner = useStepRunner();
  const auth = device.client.auth;
  return (
    <section className="device-panel" aria-label={device.label}>
      <h3>{device.label}</h3>
      <p className={!session ? 'device-state signed-out' : refused ? 'device-state refused' : 'device-state signed-in'}>
        {session ? (
          <>
            {refused ? 'Stored session, refused by GoTrue' : 'Stored session'}: signed in as <strong>{session.user.email}</strong>
            <span className="muted"> · session {shortSessionId(session)}…</span>
          </>
        ) : (
          'Signed out (no stored session)'
        )}
      </p>
      <ServerVerdict result={runner.result} hasSession={!!session} />
      <div className="row">
        <button type="button" onClick={() => void runner.run('Sign in', () => auth.signInWithPassword(credentials))} disabled={runner.running}>
          Sign in
        </button>
        <button type="button" onClick={() => void runner.run('Refresh session', () => auth.refreshSession())} disabled={runner.running || !session}>
          Refresh session
        </button>
        <button type="button" onClick={() => void runner.run('Get user', () => auth.getUser())} disabled={runner.running || !session}>
          Get user
        </button>
      </div>
      {signOutScopes && (
        <div className="row">
          {SIGN_OUT.map(({ scope, label }) => (
            <button
              key={scope}
              type="button"
              onClick={() => void runner.run(`Sign out (${scope})`, () => auth.signOut({ scope }))}
              disabled={runner.running || !session}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <StepResultBlock
        result={runner.result}
        note={runner.result && <p className="muted small">Last call: {runner.result.label}</p>}
        renderData={(data) => <p className="small">{summary(data)}</p>}
      />
    </section>
  );
}
