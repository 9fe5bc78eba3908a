import { useDevice } from '../devices/use-device.js';
import { Step } from '../steps/Step.js';
import { parseJsonObject } from '../ui/sample-email.js';
import { CredentialsFields } from '../steps/CredentialsFields.js';
import { useCredentials } from '../steps/use-credentials.js';
import { useSessionState } from '../ui/use-session-state.js';

/** Email + password, end to end: the flow most apps start with. Runs on device A. */
export function PasswordFlow() {
  const device = useDevice('A');
  const auth = device.client.auth;
  const { email, setEmail, password, setPassword } = useCredentials('password', 'ada');
  const [signUpMetadata, setSignUpMetadata] = useSessionState('authlab.password.sign-up-metadata', () => '{"name": "Ada"}');
  const [updateMetadata, setUpdateMetadata] = useSessionState('authlab.password.update-metadata', () => '{"theme": "dark"}');
  const [newPassword, setNewPassword] = useSessionState('authlab.password.new-password', () => 'secret-456');

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Password</h2>
        <p>
          Sign up and sign in with an email and a password, then read and change the user. Every step runs on{' '}
          <strong>{device.label}</strong>; its session is what the other flows start from.
        </p>
      </header>

      <CredentialsFields
        legend="Credentials used by the steps below"
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
      />

      <Step
        title="Sign up"
        why="Creates the user (POST /signup). With autoconfirm on, the local default, GoTrue also returns a session: you are signed in."
        button="Sign up"
        run={() => auth.signUp({ email, password, options: { data: parseJsonObject(signUpMetadata, 'Metadata') ?? {} } })}
      >
        <label>
          Metadata (optional JSON, stored as user_metadata)
          <textarea rows={2} value={signUpMetadata} onChange={(e) => setSignUpMetadata(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Sign in"
        why="Trades the email and password for a session (POST /token?grant_type=password): an access token and a refresh token."
        button="Sign in with password"
        run={() => auth.signInWithPassword({ email, password })}
      />

      <Step
        title="Get user"
        why="Asks GoTrue who the access token belongs to (GET /user). Unlike getSession(), this checks the token with the server."
        button="Get user"
        run={() => auth.getUser()}
      />

      <Step
        title="Update user metadata"
        why="Merges keys into user_metadata (PUT /user). The access token's user_metadata claim only changes at the next refresh."
        button="Update metadata"
        run={() => auth.updateUser({ data: parseJsonObject(updateMetadata, 'Metadata') ?? {} })}
      >
        <label>
          Metadata to merge (JSON)
          <textarea rows={2} value={updateMetadata} onChange={(e) => setUpdateMetadata(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Change password"
        why="Sets a new password for the signed-in user (PUT /user). GoTrue ends the user's other sessions; this one stays."
        button="Change password"
        run={async () => {
          const result = await auth.updateUser({ password: newPassword });
          // the credentials box follows, so "Sign in" above now proves the new password works
          if (!result.error) setPassword(newPassword);
          return result;
        }}
      >
        <label>
          New password
          <input type="text" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
        </label>
      </Step>
    </div>
  );
}
