import { useExplorer } from '../devices/DevicesProvider.js';
import type { Device } from '../devices/device.js';
import { useSession } from '../devices/use-session.js';

function DeviceStatus({ device }: { device: Device }) {
  const session = useSession(device);
  return (
    <span className={session ? 'pill signed-in' : 'pill signed-out'} aria-label={`${device.label} status`}>
      {device.label}: {session ? <>signed in as <strong>{session.user.email || `+${session.user.phone ?? ''}`}</strong></> : 'signed out'}
    </span>
  );
}

/** Where the story stands: who each device is signed in as, and where its tokens live. */
export function SessionHeader({ title }: { title: string }) {
  const { devices, storage } = useExplorer();
  return (
    <header className="session-header">
      <div>
        <h1>{title}</h1>
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
