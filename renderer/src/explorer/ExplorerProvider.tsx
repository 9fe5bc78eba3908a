import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Connection } from '../connection/connection.js';
import type { TokenStorage } from '../storage/index.js';
import type { WireLog } from '../wire/wire-log.js';
import { createAdminApi, type AdminApi } from '../admin/admin-api.js';
import { useAdminKey, type AdminKeyState } from '../admin/admin-key.js';
import { inboxBase } from '../inbox/inbox-api.js';
import { useDevices } from '../devices/use-devices.js';
import type { Device } from '../devices/device.js';

/** Everything a screen of the explorer talks to, for the connection it is showing. */
export interface Explorer {
  devices: readonly Device[];
  wireLog: WireLog;
  storage: TokenStorage;
  connection: Connection;
  /** The emulator's captured mail and SMS (Mailpit's API under /_/inbox). */
  inboxUrl: string;
  /** The service-role side (Users, Audit log); null without a service role key for this connection. */
  admin: AdminApi | null;
  /** Which service role key `admin` uses, and how to change it. */
  adminKey: AdminKeyState;
}

const ExplorerContext = createContext<Explorer | null>(null);

interface Props {
  connection: Connection;
  storage: TokenStorage;
  wireLog: WireLog;
  children: ReactNode;
}

export function ExplorerProvider({ connection, storage, wireLog, children }: Props) {
  const adminKey = useAdminKey(connection, storage);
  const devices = useDevices(connection, storage, wireLog);
  const admin = useMemo(() => createAdminApi(connection, wireLog, adminKey.key), [connection, wireLog, adminKey.key]);
  const value = useMemo<Explorer>(
    () => ({
      devices,
      wireLog,
      storage,
      connection,
      inboxUrl: inboxBase(connection.url),
      admin,
      adminKey,
    }),
    [devices, connection, storage, wireLog, admin, adminKey],
  );
  return <ExplorerContext.Provider value={value}>{children}</ExplorerContext.Provider>;
}

export function useExplorer(): Explorer {
  const value = useContext(ExplorerContext);
  if (!value) throw new Error('authlab: useExplorer() outside <ExplorerProvider>');
  return value;
}
