import { useDevice } from '../devices/use-device.js';
import { useCapture } from '../inbox/use-capture.js';
import { SessionSummary } from '../jwt/AmrView.js';
import { SettingNotice } from '../settings/SettingNotice.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';

const ROUTE = 'phone-otp';

/** A fresh number per visit, in the 555 range reserved for fiction. */
function samplePhone(): string {
  return `+1555${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** Sign-in by SMS: GoTrue texts a code (here: into the outbox) and the code buys a session. */
export function PhoneOtpFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const settings = useAuthSettings();
  const sms = useCapture(`${ROUTE}.send`);
  const [phone, setPhone] = useSessionState(`authlab.${ROUTE}.phone`, samplePhone);
  const [code, setCode] = useSessionState(`authlab.${ROUTE}.code`, () => '');

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Phone OTP</h2>
        <p>
          signInWithOtp with a phone number: GoTrue signs unknown numbers up and texts a 6-digit code. authlab sends no
          SMS; it keeps them in its outbox, shown beside the step. Runs on <strong>{device.label}</strong>.
        </p>
        <SettingNotice
          settings={settings}
          ready={(s) => s.external.phone === true}
          on={<>Phone sign-in is on: GET /settings says <code>external.phone: true</code>.</>}
          off={
            <>
              Phone sign-in is off on this emulator (<code>external.phone: false</code>, the default), so /otp refuses
              phones with <code>phone_provider_disabled</code>. As on <code>supabase start</code>, it needs an SMS
              provider too: in <code>supabase/config.toml</code>, <code>[auth.sms] enable_signup = true</code> and{' '}
              <code>[auth.sms.twilio] enabled = true</code> with its <code>account_sid</code>,{' '}
              <code>message_service_sid</code> and <code>auth_token</code> (any values: nothing is sent), or restart with{' '}
              <code>
                GOTRUE_EXTERNAL_PHONE_ENABLED=true GOTRUE_SMS_PROVIDER=twilio GOTRUE_SMS_TWILIO_ACCOUNT_SID=AC1
                GOTRUE_SMS_TWILIO_AUTH_TOKEN=t GOTRUE_SMS_TWILIO_MESSAGE_SERVICE_SID=MG1 npm start
              </code>
              .
            </>
          }
        />
      </header>

      <fieldset className="credentials">
        <legend>The phone to sign in</legend>
        <label>
          Phone (E.164)
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
      </fieldset>

      <Step
        title="Send the code"
        why="POST /otp with the phone: GoTrue creates the user if needed and texts the code; the answer carries no session."
        button="Send code"
        capture={{ handle: sms, target: { kind: 'sms', phone } }}
        run={() => auth.signInWithOtp({ phone })}
      />

      <Step
        title="Verify the code"
        why="POST /verify with the phone, the code and type sms confirms the number and answers with a session."
        button="Verify code"
        run={() => auth.verifyOtp({ phone, token: code.trim(), type: 'sms' })}
        renderData={(data) => <SessionSummary data={data} />}
      >
        <label>
          Code from the SMS
          <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
      </Step>
    </div>
  );
}
