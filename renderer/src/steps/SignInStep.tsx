import type { SupabaseClient } from '@supabase/supabase-js';
import type { ReactNode } from 'react';
import { redirectTo } from '../desktop/links.js';
import { useCapture } from '../inbox/use-capture.js';
import { SessionSummary } from '../jwt/AmrView.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { useSessionState } from '../ui/use-session-state.js';
import { CredentialsFields } from './CredentialsFields.js';
import type { Outcome } from './outcome.js';
import { signUpOrSignIn } from './sign-up-or-in.js';
import { Step } from './Step.js';
import type { Credentials } from './use-credentials.js';

interface Props {
  auth: SupabaseClient['auth'];
  /** The flow's route: where the mail's link comes back to, and the key of what is kept. */
  route: string;
  /** Whose credentials: the legend above the email and password fields. */
  legend: string;
  credentials: Credentials;
  /** Why this flow needs a session, one sentence. */
  purpose: ReactNode;
  renderData?(data: unknown): ReactNode;
  title?: string;
  button?: string;
}

/** The outcomes that mean GoTrue is waiting for the address to be confirmed, with a mail sent for it. */
const awaitsConfirmation = (outcome: Outcome) =>
  (!outcome.ok && (outcome.code === 'email_not_confirmed' || outcome.code === 'over_email_send_rate_limit')) ||
  (outcome.ok && !(outcome.data as { session?: unknown } | null)?.session);

/**
 * The user's email and password, then "Sign in", for the flows that need a signed-in user first (MFA, passkeys, the OAuth server, the
 * devices). It reads GET /settings: with confirmations on, a new user gets a confirmation mail
 * (shown beside the step) and a second step confirms the address with its code, so the flow goes on
 * instead of stopping at email_not_confirmed.
 */
export function SignInStep({ auth, route, legend, credentials, purpose, renderData, title = 'Sign in', button = 'Sign up / sign in' }: Props) {
  const { email, password } = credentials;
  const settings = useAuthSettings();
  const mail = useCapture(`${route}.sign-in`);
  const [code, setCode] = useSessionState(`authlab.${route}.confirm-code`, () => '');
  const confirmations = settings.status === 'ok' && !settings.settings.mailer_autoconfirm;
  const setting =
    settings.status !== 'ok' ? (
      'GET /settings is not read yet.'
    ) : confirmations ? (
      <>
        Confirmations are on (GET /settings: <code>mailer_autoconfirm: false</code>): a new user gets no session but a
        confirmation mail, shown beside; the sign-in then answers <code>email_not_confirmed</code> until the address is confirmed
        below.
      </>
    ) : (
      <>
        Autoconfirm is on (GET /settings: <code>mailer_autoconfirm: true</code>, the local default): a new user is signed in at
        once.
      </>
    );

  return (
    <>
      <CredentialsFields
        legend={legend}
        email={email}
        onEmail={credentials.setEmail}
        password={password}
        onPassword={credentials.setPassword}
      />
      <Step
        title={title}
        why={
          <>
            Signs the user up (POST /signup) or, if they exist, in (POST /token?grant_type=password). {setting} {purpose}
          </>
        }
        button={button}
        run={async () => signUpOrSignIn(auth, email, password, confirmations ? await redirectTo(route) : undefined)}
        renderData={renderData ?? ((d) => <SessionSummary data={d} />)}
        {...(confirmations && {
          capture: { handle: mail, target: { kind: 'mail', address: email }, when: awaitsConfirmation, newest: true, onUseCode: setCode },
        })}
      />
      {confirmations && (
        <Step
          title="Confirm the address"
          why="POST /verify with the email, the code from the confirmation mail and type signup: GoTrue confirms the address and answers with a session, so the flow goes on (opening the mail’s link does the same)."
          button="Verify code"
          run={() => auth.verifyOtp({ email, token: code.trim(), type: 'signup' })}
          renderData={renderData ?? ((d) => <SessionSummary data={d} />)}
        >
          <label>
            Code from the confirmation mail
            <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
        </Step>
      )}
    </>
  );
}
