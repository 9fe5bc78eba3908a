import { useState } from 'react';
import { DevicePanel } from '../devices/DevicePanel.js';
import { useDevice } from '../devices/use-device.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';
import { Step } from '../steps/Step.js';

type Scope = 'global' | 'local' | 'others';

/** What each scope ends, as GoTrue's POST /logout?scope= applies it to the caller's sessions. */
const SCOPES: { scope: Scope; title: string; explanation: string }[] = [
  { scope: 'global', title: 'global', explanation: 'Ends every session of the user, on every device. supabase-js’s default.' },
  { scope: 'local', title: 'local', explanation: 'Ends only this device’s session; the user’s other devices stay signed in.' },
  { scope: 'others', title: 'others', explanation: 'Ends every other session of the user; this device stays signed in.' },
];

/** Sign-out scopes, shown with two devices of the same user so the difference is visible. */
export function SignOutFlow() {
  // the story needs two devices; the multi-session view uses the third
  const devices = useExplorer().devices.filter((d) => d.id === 'A' || d.id === 'B');
  const deviceA = useDevice('A');
  const credentials = useCredentials('sign-out', 'grace');
  const [scope, setScope] = useState<Scope>('global');
  const [signingOutId, setSigningOutId] = useState('A');
  const signingOut = devices.find((d) => d.id === signingOutId) ?? deviceA;

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Sign out</h2>
        <p>
          One user, two devices, two sessions. Sign both devices in, sign one out with a scope, then press{' '}
          <em>Refresh session</em> on each device to see whose session survived. A device only learns its session was
          ended when it next calls GoTrue.
        </p>
      </header>


      <SignInStep
        auth={deviceA.client.auth}
        route="sign-out"
        legend="The user both devices sign in as"
        credentials={credentials}
        title="Create the user"
        button="Sign up"
        purpose="Device A is then signed in; sign in on device B below."
      />

      <div className="devices">
        {devices.map((device) => (
          <DevicePanel key={device.id} device={device} credentials={{ email: credentials.email, password: credentials.password }} />
        ))}
      </div>

      <Step
        title="Sign out with a scope"
        why="Calls POST /logout?scope=… with the chosen device’s token and forgets its session (unless others); a 401/403/404 counts as already signed out."
        button={`Sign out ${signingOut.label} (${scope})`}
        run={() => signingOut.client.auth.signOut({ scope })}
      >
        <div className="choice" role="radiogroup" aria-label="Device that signs out">
          {devices.map((device) => (
            <label key={device.id} className="inline">
              <input type="radio" name="signing-out" checked={signingOutId === device.id} onChange={() => setSigningOutId(device.id)} />
              {device.label}
            </label>
          ))}
        </div>
        <div className="scopes" role="radiogroup" aria-label="Scope">
          {SCOPES.map((s) => (
            <label key={s.scope} className={scope === s.scope ? 'scope selected' : 'scope'}>
              <input type="radio" name="scope" checked={scope === s.scope} onChange={() => setScope(s.scope)} />
              <span className="scope-title">{s.title}</span>
              <span className="scope-explanation">{s.explanation}</span>
            </label>
          ))}
        </div>
      </Step>
    </div>
  );
}
