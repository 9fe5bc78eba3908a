import { redirectTo } from '../desktop/links.js';
import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import { useCapture } from '../inbox/use-capture.js';
import { SessionSummary } from '../jwt/AmrView.js';
import { useLanding } from '../landing/landing-context.js';
import { LandingStep } from '../landing/LandingStep.js';
import { setSessionFromLink } from '../landing/take-session.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { CredentialsFields } from '../steps/CredentialsFields.js';
import { useCredentials } from '../steps/use-credentials.js';

const ROUTE = 'recovery';

/** Forgotten password: a mailed link signs the user in (a recovery session) to set a new one. */
export function RecoveryFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const session = useSession(device);
  const landing = useLanding(ROUTE);
  const signUpMail = useCapture(`${ROUTE}.sign-up`);
  const resetMail = useCapture(`${ROUTE}.reset`);
  const { email, setEmail, password, setPassword } = useCredentials(ROUTE, 'rosa');
  const [newPassword, setNewPassword] = useSessionState(`authlab.${ROUTE}.new-password`, () => 'secret-789');

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Password recovery</h2>
        <p>
          resetPasswordForEmail mails a link; following it signs the user in with a recovery session, which may set a new
          password without knowing the old one. Runs on <strong>{device.label}</strong>.
        </p>
      </header>

      <CredentialsFields
        legend="The user who forgot their password"
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
        passwordLabel="Old password"
      />

      <Step
        title="Create the user"
        why="Skip if the user exists. POST /signup; with confirmations on the address stays unconfirmed — following the recovery link confirms it too, as in GoTrue."
        button="Sign up"
        capture={{ handle: signUpMail, target: { kind: 'mail', address: email } }}
        run={() => auth.signUp({ email, password })}
      />

      <Step
        title="Request a reset link"
        why="POST /recover with redirect_to this page. GoTrue answers 200 {} whether or not the address is known, so nobody can probe for users."
        button="Send reset link"
        capture={{ handle: resetMail, target: { kind: 'mail', address: email } }}
        run={async () => auth.resetPasswordForEmail(email, { redirectTo: await redirectTo(ROUTE) })}
      />

      <LandingStep
        title="Back from the link: recovery session"
        why="GET /verify redirected here with a session and type=recovery in the fragment; setSession stores it (GET /user checks it). An app shows its “choose a new password” form now."
        waiting="Press “Open the link” in the reset mail: the browser comes back here with a recovery session."
        landing={landing}
        handle={setSessionFromLink(auth)}
        renderData={(data) => <SessionSummary data={data} />}
      />

      <Step
        title="Set a new password"
        why="PUT /user with the new password, authorised by the recovery session. GoTrue ends the user’s other sessions."
        button="Update password"
        disabled={!session}
        run={() => auth.updateUser({ password: newPassword })}
        renderData={() => <p className="small">Password changed for {email}.</p>}
      >
        <label>
          New password
          <input type="text" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Sign in with the new password"
        why="POST /token?grant_type=password with the new password proves the reset worked (the old one is now refused)."
        button="Sign in with new password"
        run={() => auth.signInWithPassword({ email, password: newPassword })}
        renderData={(data) => <SessionSummary data={data} />}
      />
    </div>
  );
}
