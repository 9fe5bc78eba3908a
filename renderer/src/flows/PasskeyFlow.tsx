import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import { getPasskeyAssertion } from '../passkeys/ceremony.js';
import { ManagePasskeySteps } from '../passkeys/ManagePasskeySteps.js';
import { PasskeySettingNotice } from '../passkeys/PasskeySettingNotice.js';
import { PasskeyList, PasskeySignInView } from '../passkeys/PasskeyViews.js';
import { RegisterPasskeySteps } from '../passkeys/RegisterPasskeySteps.js';
import { usePasskeyList } from '../passkeys/use-passkey-list.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';
import { Step } from '../steps/Step.js';

/** Passkeys: register one to a signed-in user step by step, then sign in with it typing nothing. */
export function PasskeyFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const signedIn = Boolean(useSession(device));
  const settings = useAuthSettings();
  const credentials = useCredentials('passkeys', 'pia');
  const list = usePasskeyList(auth);

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Passkeys</h2>
        <p>
          A passkey is a WebAuthn credential kept by the device (or a password manager). A signed-in user registers one:
          GoTrue hands out a challenge, the authenticator makes a key pair and signs the challenge, GoTrue checks it and
          stores the public key. Later the user signs in with it alone — no email, no password — and the session’s{' '}
          <code>amr</code> says <code>passkey</code>. Runs on <strong>{device.label}</strong>.
        </p>
        <PasskeySettingNotice settings={settings} />
      </header>

      <SignInStep
        auth={auth}
        route="passkeys"
        legend="The user who registers a passkey"
        credentials={credentials}
        purpose="Registering a passkey needs a session: it is added to the user who is signed in."
      />

      <RegisterPasskeySteps auth={auth} signedIn={signedIn} onRegistered={list.listPasskeys} />

      <Step
        title="List passkeys"
        why="passkey.list() → GET /passkeys: the user’s passkeys, with when each was last used to sign in."
        button="List passkeys"
        disabled={!signedIn}
        run={list.listPasskeys}
        renderData={(d) => <PasskeyList data={d} />}
      />

      <Step
        title="Sign out"
        why="signOut() → POST /logout. The passkey stays with the user (and in the authenticator)."
        button="Sign out"
        disabled={!signedIn}
        run={() => auth.signOut()}
      />

      <Step
        title="Sign in with the passkey"
        why="passkey.startAuthentication() → POST /passkeys/authentication/options (a challenge, no allowCredentials), navigator.credentials.get() (the authenticator offers its passkeys for this rp_id and signs), then passkey.verifyAuthentication() → POST /passkeys/authentication/verify, which finds the passkey by its credential id, checks the signature and answers a session."
        button="Sign in with a passkey"
        run={async () => {
          const started = await auth.passkey.startAuthentication();
          if (started.error) return started;
          const asserted = await getPasskeyAssertion(started.data.options);
          if (asserted.error) return asserted;
          const verified = await auth.passkey.verifyAuthentication({ challengeId: started.data.challenge_id, credential: asserted.data });
          if (verified.error) return verified;
          return { data: { challenge: started.data, assertion: asserted.data, session: verified.data.session }, error: null };
        }}
        renderData={(d) => <PasskeySignInView data={d} />}
      />

      <ManagePasskeySteps auth={auth} signedIn={signedIn} list={list} />
    </div>
  );
}
