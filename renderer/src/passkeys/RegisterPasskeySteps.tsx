import type { SupabaseClient } from '@supabase/supabase-js';
import { useState } from 'react';
import { Step } from '../steps/Step.js';
import { createPasskeyCredential, type RegistrationResponseJSON, type ServerCredentialCreationOptions } from './ceremony.js';
import { CreationOptionsView, CredentialView, PasskeyList, type Challenge } from './PasskeyViews.js';

interface Props {
  auth: SupabaseClient['auth'];
  signedIn: boolean;
  /** Lists the passkeys again once one is saved. */
  onRegistered(): Promise<unknown>;
}

/** Registration in its three moves: GoTrue's challenge, the authenticator's credential, GoTrue's check. */
export function RegisterPasskeySteps({ auth, signedIn, onRegistered }: Props) {
  // the challenge and the credential live for one ceremony only, so they stay in memory
  const [challenge, setChallenge] = useState<Challenge<ServerCredentialCreationOptions> | null>(null);
  const [credential, setCredential] = useState<RegistrationResponseJSON | null>(null);
  return (
    <>
      <Step
        title="Get registration options"
        why="passkey.startRegistration() → POST /passkeys/registration/options. GoTrue answers WebAuthn creation options (a random challenge, the relying party, the user) and a challenge_id to send back. 404 passkey_disabled means passkeys are off."
        button="Get options"
        disabled={!signedIn}
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
        disabled={!signedIn || !challenge || !credential}
        run={async () => {
          const verified = await auth.passkey.verifyRegistration({ challengeId: challenge!.challenge_id, credential: credential! });
          if (verified.data) {
            setChallenge(null);
            setCredential(null);
            await onRegistered();
          }
          return verified;
        }}
        renderData={(d) => <PasskeyList data={d} />}
      />
    </>
  );
}
