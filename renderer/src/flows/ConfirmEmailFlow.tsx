import { redirectTo } from '../desktop/links.js';
import { useDevice } from '../devices/use-device.js';
import { useCapture } from '../inbox/use-capture.js';
import { SessionSummary } from '../jwt/AmrView.js';
import { useLanding } from '../landing/landing-context.js';
import { LandingStep } from '../landing/LandingStep.js';
import { setSessionFromLink } from '../landing/take-session.js';
import { SettingNotice } from '../settings/SettingNotice.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { CredentialsFields } from '../steps/CredentialsFields.js';
import { useCredentials } from '../steps/use-credentials.js';

const ROUTE = 'confirm-email';

/** Sign-up with confirmations on: no session until the address is proven, by link or by code. */
export function ConfirmEmailFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const settings = useAuthSettings();
  const landing = useLanding(ROUTE);
  const mail = useCapture(`${ROUTE}.sign-up`);
  const { email, setEmail, password, setPassword } = useCredentials(ROUTE, 'mae');
  const [code, setCode] = useSessionState(`authlab.${ROUTE}.code`, () => '');

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Email confirmation</h2>
        <p>
          With confirmations on, sign-up creates the user but no session: GoTrue mails a link and a 6-digit code, and
          the user is only signed in once they use one of them. Runs on <strong>{device.label}</strong>.
        </p>
        <SettingNotice
          settings={settings}
          ready={(s) => !s.mailer_autoconfirm}
          on={<>Confirmations are on: GET /settings says <code>mailer_autoconfirm: false</code>.</>}
          off={
            <>
              Confirmations are off on this emulator (<code>mailer_autoconfirm: true</code>, the local default): sign-up
              signs in at once and sends no mail. Restart it with <code>GOTRUE_MAILER_AUTOCONFIRM=false npm start</code>{' '}
              (or <code>{'{"mailerAutoconfirm": false}'}</code> in <code>--config</code>).
            </>
          }
        />
      </header>

      <CredentialsFields
        legend="The new user"
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
      />

      <Step
        title="Sign up"
        why="POST /signup with emailRedirectTo set to this page: GoTrue answers with the unconfirmed user (no session) and mails the confirmation."
        button="Sign up"
        capture={{ handle: mail, target: { kind: 'mail', address: email } }}
        run={async () => auth.signUp({ email, password, options: { emailRedirectTo: await redirectTo(ROUTE) } })}
      />

      <LandingStep
        title="Confirm by link"
        why="The link hits GET /verify, which confirms the address and 303-redirects here with the session in the URL fragment; the page hands it to supabase-js’s setSession (which checks it with GET /user)."
        waiting="Press “Open the link” in the mail beside Sign up: the browser leaves this page and comes back here, signed in."
        landing={landing}
        handle={setSessionFromLink(auth)}
        renderData={(data) => <SessionSummary data={data} />}
      />

      <Step
        title="Confirm by code"
        why="The same mail carries a code: POST /verify with the email, the code and type signup confirms the address and answers with a session — no redirect involved."
        button="Verify code"
        run={() => auth.verifyOtp({ email, token: code.trim(), type: 'signup' })}
        renderData={(data) => <SessionSummary data={data} />}
      >
        <label>
          Code from the mail
          <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
      </Step>
    </div>
  );
}
