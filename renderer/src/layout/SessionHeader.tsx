import { useExplorer } from '../explorer/ExplorerProvider.js';
import type { Device } from '../devices/device.js';
import { useServerVerdict } from '../devices/use-server-verdict.js';
import { useSession } from '../devices/use-session.js';

function DeviceStatus({ device }: { device: Device }) {
  const session = useSession(device);
  const verdict = useServerVerdict(device);
  // supabase-js keeps a session GoTrue has refused until its access token expires: say so, not green
  const refused = !!session && verdict?.state === 'refused';
  const who = session && <strong>{session.user.email || `+${session.user.phone ?? ''}`}</strong>;
  return (
    <span className={refused ? 'pill refused' : session ? 'pill signed-in' : 'pill signed-out'} aria-label={`${device.label} status`}>
      {device.label}: {refused ? <>session refused by GoTrue ({who})</> : session ? <>signed in as {who}</> : 'signed out'}
    </span>
  );
}

/** The screen's title: where the skip link puts focus. */
export const SCREEN_TITLE_ID = 'screen-title';

/** Where the story stands: who each device is signed in as, and where its tokens live. */
export function SessionHeader({ title }: { title: string }) {
  const { devices, storage } = useExplorer();
  return (
    <header className="session-header">
      <div>
        <h1 id={SCREEN_TITLE_ID} tabIndex={-1}>
          {title}
        </h1>
        <p className={storage.kind === 'web' ? 'storage-notice insecure' : 'storage-notice'} role="note">
          {storage.notice}
        </p>
      </div>
      <div className="pills">
        {devices.map((device) => (
          <DeviceStatus key={device.id} device={device} />
        ))}
      </div>
    </header>
  );
}
