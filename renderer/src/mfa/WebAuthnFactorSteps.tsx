import type { SupabaseClient } from '@supabase/supabase-js';
import { useState } from 'react';
import { originProblem } from '../passkeys/ceremony.js';
import { WebAuthnUnavailable } from '../passkeys/WebAuthnUnavailable.js';
import { Step } from '../steps/Step.js';
import { SessionAal } from './SessionAal.js';

const WEBAUTHN_ENV = 'GOTRUE_MFA_WEB_AUTHN_ENROLL_ENABLED=true GOTRUE_MFA_WEB_AUTHN_VERIFY_ENABLED=true';

/** GoTrue's answers when enrolling or verifying WebAuthn factors is off. */
const OFF_CODES = ['mfa_webauthn_enroll_not_enabled', 'mfa_webauthn_verify_not_enabled'];
const offCode = (result: { error: { code?: string } | null }) =>
  result.error?.code && OFF_CODES.includes(result.error.code) ? result.error.code : null;

/**
 * A security key as the second factor. supabase-js's mfa.webauthn helpers run the whole ceremony
 * (enroll, challenge, the browser's credential, verify), so each step is one call with several
 * exchanges in its wire log.
 */
export function WebAuthnFactorSteps({ auth, signedIn }: { auth: SupabaseClient['auth']; signedIn: boolean }) {
  const [friendlyName, setFriendlyName] = useState('Security key');
  const [off, setOff] = useState<string | null>(null);
  const problem = originProblem(window.location);

  return (
    <section className="flow-part" aria-label="Security key (WebAuthn)">
      <h3>Security key (WebAuthn)</h3>
      <p className="muted small">
        The same aal1 → aal2 step with a WebAuthn credential instead of a code: the factor is the authenticator’s key
        pair, proven by signing GoTrue’s challenge for this page’s origin. The token’s <code>amr</code> then lists{' '}
        <code>mfa/webauthn</code>.
      </p>
      {problem && <WebAuthnUnavailable problem={problem} />}
      {off && (
        <p className="setting-notice warn" role="alert" aria-label="WebAuthn factors are off">
          WebAuthn factors are off on this emulator (GoTrue answered <code>{off}</code>), as in a fresh{' '}
          <code>supabase start</code>. Restart it with <code>{WEBAUTHN_ENV}</code> (or{' '}
          <code>[auth.mfa.web_authn] enroll_enabled = true, verify_enabled = true</code> in supabase/config.toml) and a
          relying party whose <code>rp_origins</code> lists this page.
        </p>
      )}

      <Step
        title="Register a security key"
        why="mfa.webauthn.register() → POST /factors (factor_type webauthn), POST /factors/{id}/challenge for the creation options, navigator.credentials.create() here, then POST /factors/{id}/verify with the credential: the factor is verified and the session becomes aal2."
        button="Register with the authenticator"
        disabled={!signedIn || problem !== null}
        run={async () => {
          const result = await auth.mfa.webauthn.register({ friendlyName: friendlyName.trim() || 'Security key' });
          setOff(offCode(result));
          return result;
        }}
        renderData={(d) => <SessionAal data={d} />}
      >
        <label>
          Key name
          <input value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Authenticate with the security key"
        why="After a new sign-in (aal1), mfa.webauthn.authenticate({ factorId }) → POST /factors/{id}/challenge for the request options, navigator.credentials.get(), POST /factors/{id}/verify: back to aal2."
        button="Authenticate with the authenticator"
        disabled={!signedIn || problem !== null}
        run={async () => {
          const factors = await auth.mfa.listFactors();
          if (factors.error) return factors;
          const factor = factors.data.all.find((f) => f.factor_type === 'webauthn' && f.status === 'verified');
          if (!factor) return { data: null, error: { message: 'No verified security key: register one first.' } };
          const result = await auth.mfa.webauthn.authenticate({ factorId: factor.id });
          setOff(offCode(result));
          return result;
        }}
        renderData={(d) => <SessionAal data={d} />}
      />
    </section>
  );
}
