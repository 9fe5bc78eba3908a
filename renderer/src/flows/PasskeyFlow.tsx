import type { PasskeyListItem } from '@supabase/supabase-js';
import { useState } from 'react';
import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import {
  createPasskeyCredential,
  getPasskeyAssertion,
  localhostUrl,
  originProblem,
  type RegistrationResponseJSON,
  type ServerCredentialCreationOptions,
} from '../passkeys/ceremony.js';
import { WebAuthnUnavailable } from '../passkeys/WebAuthnUnavailable.js';
import { CreationOptionsView, CredentialView, PasskeyList, PasskeySignInView, type Challenge } from '../passkeys/PasskeyViews.js';
import { SettingNotice } from '../settings/SettingNotice.js';
import { useAuthSettings } from '../settings/use-auth-settings.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';

const PASSKEY_ENV = 'GOTRUE_PASSKEY_ENABLED=true GOTRUE_WEBAUTHN_RP_ID=localhost GOTRUE_WEBAUTHN_RP_DISPLAY_NAME=authlab';

/** Passkeys: register one to a signed-in user step by step, then sign in with it typing nothing. */
export function PasskeyFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const session = useSession(device);
  const settings = useAuthSettings();
  const credentials = useCredentials('passkeys', 'pia');
  const [challenge, setChallenge] = useState<Challenge<ServerCredentialCreationOptions> | null>(null);
  const [credential, setCredential] = useState<RegistrationResponseJSON | null>(null);
  const [passkeys, setPasskeys] = useSessionState<PasskeyListItem[]>('authlab.passkeys.list', () => []);
  const [passkeyId, setPasskeyId] = useSessionState('authlab.passkeys.passkey-id', () => '');
  const [friendlyName, setFriendlyName] = useSessionState('authlab.passkeys.friendly-name', () => 'Laptop');
  const origin = window.location.origin;
  const localhost = localhostUrl(window.location);
  const problem = originProblem(window.location);

  const listPasskeys = async () => {
    const listed = await auth.passkey.list();
    if (listed.data) {
      setPasskeys(listed.data);
      if (!listed.data.some((p) => p.id === passkeyId)) setPasskeyId(listed.data[0]?.id ?? '');
    }
    return listed;
  };

  const passkeyChoice = (
    <label>
      Passkey
      <select value={passkeyId} onChange={(e) => setPasskeyId(e.target.value)} aria-label="Passkey">
        {passkeys.length === 0 && <option value="">(list the passkeys first)</option>}
        {passkeys.map((p) => (
          <option key={p.id} value={p.id}>
            {p.friendly_name || 'Passkey'} ({p.id.slice(0, 8)}…)
          </option>
        ))}
      </select>
    </label>
  );

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
        <SettingNotice
          settings={settings}
          ready={(s) => s.passkeys_enabled === true}
          on={
            <>
              Passkeys are on (<code>passkeys_enabled: true</code>). The relying party’s <code>rp_origins</code> must list this
              page’s origin, <code>{origin}</code>.
            </>
          }
          off={
            <>
              Passkeys are off on this emulator (<code>passkeys_enabled: false</code>), as in a fresh <code>supabase start</code>.
              Turn them on in supabase/config.toml with <code>[auth.passkey] enabled = true</code> and{' '}
              <code>[auth.webauthn] rp_id = "localhost"</code>, <code>rp_display_name</code>,{' '}
              <code>rp_origins = ["http://localhost:{window.location.port}"]</code> — or start it with{' '}
              <code>
                {PASSKEY_ENV} GOTRUE_WEBAUTHN_RP_ORIGINS=http://localhost:{window.location.port}
              </code>
              . Then open this page at <a href={localhost}>{localhost}</a>.
            </>
          }
        />
        {problem && <WebAuthnUnavailable problem={problem} />}
      </header>


      <SignInStep
        auth={auth}
        route="passkeys"
        legend="The user who registers a passkey"
        credentials={credentials}
        purpose="Registering a passkey needs a session: it is added to the user who is signed in."
      />

      <Step
        title="Get registration options"
        why="passkey.startRegistration() → POST /passkeys/registration/options. GoTrue answers WebAuthn creation options (a random challenge, the relying party, the user) and a challenge_id to send back. 404 passkey_disabled means passkeys are off."
        button="Get options"
        disabled={!session}
        run={async () => {
          const started = await auth.passkey.startRegistration();
          if (started.data) {
            setChallenge(started.data);
            setCredential(null);
          }
          return started;
        }}
        renderData={(d) => <CreationOptionsView data={d} />}
      />

      <Step
        title="Create the credential"
        why="In the browser, no request: navigator.credentials.create() with those options (supabase-js’s own deserializer). The authenticator makes a key pair for this rp_id and signs the challenge; the browser adds the page’s origin."
        button="Create with the authenticator"
        disabled={!challenge}
        run={async () => {
          const created = await createPasskeyCredential(challenge!.options);
          if (created.data) setCredential(created.data);
          return created;
        }}
        renderData={(d) => <CredentialView data={d} />}
      />

      <Step
        title="Verify the registration"
        why="passkey.verifyRegistration() → POST /passkeys/registration/verify with the challenge_id and the credential. GoTrue checks the challenge, origin and rp_id hash, then stores the public key as a passkey of the user."
        button="Verify and save"
        disabled={!session || !challenge || !credential}
        run={async () => {
          const verified = await auth.passkey.verifyRegistration({ challengeId: challenge!.challenge_id, credential: credential! });
          if (verified.data) {
            setChallenge(null);
            setCredential(null);
            await listPasskeys();
          }
          return verified;
        }}
        renderData={(d) => <PasskeyList data={d} />}
      />

      <Step
        title="List passkeys"
        why="passkey.list() → GET /passkeys: the user’s passkeys, with when each was last used to sign in."
        button="List passkeys"
        disabled={!session}
        run={listPasskeys}
        renderData={(d) => <PasskeyList data={d} />}
      />

      <Step
        title="Sign out"
        why="signOut() → POST /logout. The passkey stays with the user (and in the authenticator)."
        button="Sign out"
        disabled={!session}
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

      <Step
        title="Rename a passkey"
        why="passkey.update() → PATCH /passkeys/{id} with a friendly_name, so a user can tell their passkeys apart."
        button="Rename"
        disabled={!session || !passkeyId}
        run={async () => {
          const updated = await auth.passkey.update({ passkeyId, friendlyName: friendlyName.trim() });
          if (updated.data) await listPasskeys();
          return updated;
        }}
        renderData={(d) => <PasskeyList data={d} />}
      >
        {passkeyChoice}
        <label>
          New name
          <input value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Delete a passkey"
        why="passkey.delete() → DELETE /passkeys/{id}. GoTrue forgets the public key; the authenticator still holds the private key, but signing in with it now fails."
        button="Delete"
        disabled={!session || !passkeyId}
        run={async () => {
          const deleted = await auth.passkey.delete({ passkeyId });
          if (deleted.error) return deleted;
          return listPasskeys();
        }}
        renderData={(d) => <PasskeyList data={d} />}
      >
        {passkeyChoice}
      </Step>
    </div>
  );
}
