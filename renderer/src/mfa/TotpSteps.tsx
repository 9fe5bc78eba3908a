import type { SupabaseClient } from '@supabase/supabase-js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { BuiltInAuthenticator } from './BuiltInAuthenticator.js';
import { EnrolledView, type Enrolled } from './MfaViews.js';
import { SessionAal } from './SessionAal.js';
import type { TotpFactor } from './use-totp-factor.js';

interface Props {
  auth: SupabaseClient['auth'];
  signedIn: boolean;
  factor: TotpFactor;
}

/** Enrolling keeps the secret for the built-in authenticator, and notices when TOTP is off. */
export function TotpEnrollStep({ auth, signedIn, factor }: Props) {
  const [friendlyName, setFriendlyName] = useSessionState('authlab.mfa.friendly-name', () => 'Authenticator app');
  return (
    <Step
      title="Enroll a TOTP factor"
      why="mfa.enroll({ factorType: 'totp' }) → POST /factors. GoTrue makes a secret and answers it with an otpauth:// URI and a QR code; the factor stays unverified. A 422 mfa_totp_enroll_not_enabled means TOTP is off."
      button="Enroll TOTP"
      disabled={!signedIn}
      run={async () => {
        const result = await auth.mfa.enroll({ factorType: 'totp', friendlyName: friendlyName.trim() || undefined });
        if (result.error?.code === 'mfa_totp_enroll_not_enabled') factor.setOffCode(result.error.code);
        if (result.data) {
          factor.setOffCode(null);
          // stored before the id changes, so the generator finds the secret when it looks
          await factor.totp.remember(result.data.id, result.data.totp.secret);
          factor.setFactorId(result.data.id);
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
  );
}

/** The first valid code verifies the factor and raises the session to aal2. */
export function TotpVerifyStep({ auth, signedIn, factor }: Props) {
  const [code, setCode] = useSessionState('authlab.mfa.code', () => '');
  const { factorId } = factor;
  return (
    <Step
      title="Verify with a code"
      why="mfa.challenge (POST /factors/{id}/challenge) then mfa.verify with the 6-digit code (POST /factors/{id}/verify). GoTrue checks the code against the secret and the clock, marks the factor verified and answers a new aal2 session."
      button="Challenge and verify"
      disabled={!signedIn || !factorId}
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
      <BuiltInAuthenticator secret={factor.totp.secret} onUse={setCode} />
    </Step>
  );
}

/** Unenrolling forgets the kept secret too: no factor, nothing to make codes for. */
export function TotpUnenrollStep({ auth, signedIn, factor }: Props) {
  const { factorId } = factor;
  return (
    <Step
      title="Unenroll the factor"
      why="mfa.unenroll → DELETE /factors/{id} (a verified factor needs an aal2 session). GoTrue downgrades the user’s sessions to aal1; the refresh that follows shows it in the token."
      button="Unenroll and refresh"
      disabled={!signedIn || !factorId}
      run={async () => {
        const unenrolled = await auth.mfa.unenroll({ factorId });
        if (unenrolled.error) return unenrolled;
        await factor.totp.forget(factorId);
        factor.setFactorId('');
        return auth.refreshSession();
      }}
      renderData={(d) => <SessionAal data={d} />}
    />
  );
}
