import type { Session } from '@supabase/supabase-js';
import { DevicePanel } from '../devices/DevicePanel.js';
import type { Device } from '../devices/device.js';
import { useDevice } from '../devices/use-device.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { useSession } from '../devices/use-session.js';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { SignInStep } from '../steps/SignInStep.js';
import { useCredentials } from '../steps/use-credentials.js';

function claim(session: Session, name: string): string {
  const value = decodeJwt(session.access_token)?.claims[name];
  return typeof value === 'string' ? value : '—';
}

function SessionRow({ device }: { device: Device }) {
  const session = useSession(device);
  return (
    <tr>
      <th>{device.label}</th>
      <td>{session ? <code>{claim(session, 'session_id')}</code> : <span className="muted">no stored session</span>}</td>
      <td>{session ? <code>{claim(session, 'aal')}</code> : '—'}</td>
      <td className="small">{session?.expires_at ? new Date(session.expires_at * 1000).toLocaleTimeString() : '—'}</td>
    </tr>
  );
}

/** One user on several devices: each sign-in is its own GoTrue session, refreshed and ended on its own. */
export function DevicesFlow() {
  const { devices } = useExplorer();
  const deviceA = useDevice('A');
  const credentials = useCredentials('devices', 'lin');

  return (
    <div className="flow devices-flow">
      <header className="flow-intro">
        <h2>Multi-session devices</h2>
        <p>
          The same user signed in on {devices.length} devices holds {devices.length} sessions, each with its own session_id
          and refresh-token family. Sign in on each device, then sign one out with a scope: <em>local</em> ends its own
          session, <em>others</em> every session but its own, <em>global</em> all of them. A device learns its session is
          gone only when it next calls GoTrue (<em>Refresh session</em>).
        </p>
      </header>


      <SignInStep
        auth={deviceA.client.auth}
        route="devices"
        legend="The user every device signs in as"
        credentials={credentials}
        title="Create the user"
        button="Sign up"
        purpose="Device A is then signed in; sign in on the other devices below."
      />

      <table className="compare" aria-label="Stored sessions">
        <caption className="muted small">What each device holds (read from its stored access token)</caption>
        <thead>
          <tr>
            <th />
            <th>session_id</th>
            <th>aal</th>
            <th>access token expires</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => (
            <SessionRow key={device.id} device={device} />
          ))}
        </tbody>
      </table>

      <div className="devices devices-three">
        {devices.map((device) => (
          <DevicePanel key={device.id} device={device} credentials={{ email: credentials.email, password: credentials.password }} signOutScopes />
        ))}
      </div>
    </div>
  );
}
