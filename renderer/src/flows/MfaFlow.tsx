import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import { AalStep } from '../mfa/AalStep.js';
import { FactorList } from '../mfa/MfaViews.js';
import { SessionAal } from '../mfa/SessionAal.js';
import { TotpOffNotice } from '../mfa/TotpOffNotice.js';
import { TotpEnrollStep, TotpUnenrollStep, TotpVerifyStep } from '../mfa/TotpSteps.js';
import { useTotpFactor } from '../mfa/use-totp-factor.js';
import { WebAuthnFactorSteps } from '../mfa/WebAuthnFactorSteps.js';
import { Step } from '../steps/Step.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';

/**
 * MFA: enroll a TOTP authenticator or a security key, prove it, and watch the session go from aal1
 * to aal2.
 */
export function MfaFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const signedIn = !!useSession(device);
  const credentials = useCredentials('mfa', 'mia');
  const factor = useTotpFactor();
  const totp = { auth, signedIn, factor };

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
        {factor.offCode && <TotpOffNotice code={factor.offCode} />}
      </header>

      <SignInStep
        auth={auth}
        route="mfa"
        legend="The user who adds a second factor"
        credentials={credentials}
        purpose="A password session is aal1."
        renderData={(d) => <SessionAal data={d} />}
      />

      <AalStep
        auth={auth}
        signedIn={signedIn}
        title="Assurance level before"
        why="getAuthenticatorAssuranceLevel reads the access token (aal, amr) and the user’s factors; no request. No verified factor: aal1, and aal1 is all it can be."
      />
      <TotpEnrollStep {...totp} />
      <TotpVerifyStep {...totp} />
      <AalStep
        auth={auth}
        signedIn={signedIn}
        title="Assurance level after"
        why="Read again after verifying: the token now says aal2 and its amr lists totp next to password."
      />

      <Step
        title="List factors"
        why="mfa.listFactors() reads the factors from the user object (GET /user), grouped by type; only verified ones count for aal2."
        button="List factors"
        disabled={!signedIn}
        run={() => auth.mfa.listFactors()}
        renderData={(d) => <FactorList data={d} />}
      />
      <TotpUnenrollStep {...totp} />

      <WebAuthnFactorSteps auth={auth} signedIn={signedIn} />
    </div>
  );
}
