import { useMemo } from 'react';
import type { Connection } from '../connection/connection.js';
import type { TokenStorage } from '../storage/index.js';
import type { WireLog } from '../wire/wire-log.js';
import { createDevice, type Device } from './device.js';

/** Three devices of one user: the sign-out flow uses A and B, the multi-session view all of them. */
const DEVICE_IDS = ['A', 'B', 'C'] as const;

/** The explorer's devices for one connection, built again only when the connection, storage or wire log change. */
export function useDevices(connection: Connection, storage: TokenStorage, wireLog: WireLog): readonly Device[] {
  return useMemo(() => DEVICE_IDS.map((id) => createDevice({ id, connection, storage, wireLog })), [connection, storage, wireLog]);
}
