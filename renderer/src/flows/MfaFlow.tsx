import { useState } from 'react';
import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import { BuiltInAuthenticator } from '../mfa/BuiltInAuthenticator.js';
import { AalView, EnrolledView, FactorList, type Enrolled } from '../mfa/MfaViews.js';
import { SessionAal } from '../mfa/SessionAal.js';
import { useTotpSecret } from '../mfa/use-totp-secret.js';
import { WebAuthnFactorSteps } from '../mfa/WebAuthnFactorSteps.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';

const TOTP_ENV = 'GOTRUE_MFA_TOTP_ENROLL_ENABLED=true GOTRUE_MFA_TOTP_VERIFY_ENABLED=true';

/**
 * MFA: enroll a TOTP authenticator or a security key, prove it, and watch the session go from aal1
 * to aal2.
 */
export function MfaFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const session = useSession(device);
  const credentials = useCredentials('mfa', 'mia');
  const [friendlyName, setFriendlyName] = useSessionState('authlab.mfa.friendly-name', () => 'Authenticator app');
  const [factorId, setFactorId] = useSessionState('authlab.mfa.factor-id', () => '');
  const [code, setCode] = useSessionState('authlab.mfa.code', () => '');
  const [totpOff, setTotpOff] = useState<string | null>(null);
  const totp = useTotpSecret(factorId);

  const aalStep = (title: string, why: string) => (
    <Step title={title} why={why} button="Get assurance level" disabled={!session} run={() => auth.mfa.getAuthenticatorAssuranceLevel()} renderData={(d) => <AalView data={d} />} />
  );

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>MFA</h2>
        <p>
          Multi-factor authentication with a TOTP authenticator app, or a security key further down. Enrolling TOTP returns a secret (and its QR code); the first
          code from the app verifies the factor and raises the session from <code>aal1</code> to <code>aal2</code>, with{' '}
          <code>totp</code> added to the token’s <code>amr</code>. Runs on <strong>{device.label}</strong>; watch its token
          in the panel on the right.
        </p>
        {totpOff && (
          <p className="setting-notice warn" role="alert" aria-label="TOTP is off">
            TOTP is off on this emulator (GoTrue answered <code>{totpOff}</code>), as in a fresh <code>supabase start</code>.
            Restart it with <code>{TOTP_ENV}</code> (or <code>[auth.mfa.totp] enroll_enabled = true, verify_enabled = true</code>{' '}
            in supabase/config.toml).
          </p>
        )}
      </header>


      <SignInStep
        auth={auth}
        route="mfa"
        legend="The user who adds a second factor"
        credentials={credentials}
        purpose="A password session is aal1."
        renderData={(d) => <SessionAal data={d} />}
      />

      {aalStep('Assurance level before', 'getAuthenticatorAssuranceLevel reads the access token (aal, amr) and the user’s factors; no request. No verified factor: aal1, and aal1 is all it can be.')}

      <Step
        title="Enroll a TOTP factor"
        why="mfa.enroll({ factorType: 'totp' }) → POST /factors. GoTrue makes a secret and answers it with an otpauth:// URI and a QR code; the factor stays unverified. A 422 mfa_totp_enroll_not_enabled means TOTP is off."
        button="Enroll TOTP"
        disabled={!session}
        run={async () => {
          const result = await auth.mfa.enroll({ factorType: 'totp', friendlyName: friendlyName.trim() || undefined });
          if (result.error?.code === 'mfa_totp_enroll_not_enabled') setTotpOff(result.error.code);
          if (result.data) {
            setTotpOff(null);
            // stored before the id changes, so the generator finds the secret when it looks
            await totp.remember(result.data.id, result.data.totp.secret);
            setFactorId(result.data.id);
          }
          return result;
        }}
        renderData={(d) => <EnrolledView data={d as Enrolled} />}
      >
        <label>
          Friendly name
          <input value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Verify with a code"
        why="mfa.challenge (POST /factors/{id}/challenge) then mfa.verify with the 6-digit code (POST /factors/{id}/verify). GoTrue checks the code against the secret and the clock, marks the factor verified and answers a new aal2 session."
        button="Challenge and verify"
        disabled={!session || !factorId}
        run={async () => {
          const challenge = await auth.mfa.challenge({ factorId });
          if (challenge.error) return challenge;
          return auth.mfa.verify({ factorId, challengeId: challenge.data.id, code: code.trim() });
        }}
        renderData={(d) => <SessionAal data={d} />}
      >
        <label>
          Code from the authenticator app
          <input inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <BuiltInAuthenticator secret={totp.secret} onUse={setCode} />
      </Step>

      {aalStep('Assurance level after', 'Read again after verifying: the token now says aal2 and its amr lists totp next to password.')}

      <Step
        title="List factors"
        why="mfa.listFactors() reads the factors from the user object (GET /user), grouped by type; only verified ones count for aal2."
        button="List factors"
        disabled={!session}
        run={() => auth.mfa.listFactors()}
        renderData={(d) => <FactorList data={d} />}
      />

      <Step
        title="Unenroll the factor"
        why="mfa.unenroll → DELETE /factors/{id} (a verified factor needs an aal2 session). GoTrue downgrades the user’s sessions to aal1; the refresh that follows shows it in the token."
        button="Unenroll and refresh"
        disabled={!session || !factorId}
        run={async () => {
          const unenrolled = await auth.mfa.unenroll({ factorId });
          if (unenrolled.error) return unenrolled;
          await totp.forget(factorId);
          setFactorId('');
          return auth.refreshSession();
        }}
        renderData={(d) => <SessionAal data={d} />}
      />

      <WebAuthnFactorSteps auth={auth} signedIn={!!session} />
    </div>
  );
}
