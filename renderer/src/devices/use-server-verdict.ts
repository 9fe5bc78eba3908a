import { useMemo, useSyncExternalStore } from 'react';
import type { Device } from './device.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { verdictOf, type Verdict } from './server-verdict.js';

/** Follows the wire log: what GoTrue last said about this device's session. */
export function useServerVerdict(device: Device): Verdict {
  const { wireLog, connection } = useExplorer();
  const entries = useSyncExternalStore(wireLog.subscribe, wireLog.entries);
  return useMemo(() => verdictOf(entries, device.id, connection.key), [entries, device.id, connection.key]);
}
