import type { ReactNode } from 'react';
import { useExplorer } from '../devices/DevicesProvider.js';
import type { AdminApi } from './admin-api.js';

/**
 * Renders the admin view only for a local connection. Anywhere else the explorer would have to send
 * the service role key off this machine, so it says why it will not instead.
 */
export function AdminGate({ children }: { children: (admin: AdminApi) => ReactNode }) {
  const { admin, connection } = useExplorer();
  if (admin) return <>{children(admin)}</>;
  return (
    <p className="setting-notice warn admin-refused" role="alert">
      The connection <code>{connection.url}</code> is not on this machine. This view calls GoTrue’s admin API with the
      local stack’s service role key, which the explorer only ever sends to a loopback address (127.0.0.1, localhost,
      ::1). For a remote project use its dashboard; to use this view, point the explorer at a local emulator.
    </p>
  );
}
