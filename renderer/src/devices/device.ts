import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Connection } from '../connection/connection.js';
import type { TokenStorage } from '../storage/index.js';
import { recordingFetch } from '../wire/recording-fetch.js';
import type { WireLog } from '../wire/wire-log.js';

/**
 * A "device": one independent supabase-js client with its own session, as a phone and a laptop of
 * the same user would have. Independence comes from the storageKey alone, which is exactly how
 * real apps end up with several sessions in one browser.
 */
export interface Device {
  id: string;
  label: string;
  storageKey: string;
  client: SupabaseClient;
  /**
   * The same device's app built with `flowType: 'pkce'` (supabase-js fixes the flow per client).
   * It shares the storage key, so its sessions are this device's; supabase-js's BroadcastChannel
   * tells `client` about them. Made on first use: two clients on one key make supabase-js warn.
   */
  pkceClient(): SupabaseClient;
}

interface DeviceOptions {
  id: string;
  connection: Connection;
  storage: TokenStorage;
  wireLog: WireLog;
}

export function createDevice({ id, connection, storage, wireLog }: DeviceOptions): Device {
  // the host is part of the key so switching emulators never resumes a session from another one
  const storageKey = `authlab.${new URL(connection.url).host}.device-${id}`;
  const make = (flowType: 'implicit' | 'pkce') =>
    createClient(connection.url, connection.key, {
      auth: {
        storage: storage.adapter,
        storageKey,
        persistSession: true,
        // off so tokens only rotate when a step asks: the explorer is about seeing each exchange
        autoRefreshToken: false,
        // off: the explorer reads mail-link returns itself, so setSession / exchangeCodeForSession
        // show up as steps in the wire log
        detectSessionInUrl: false,
        flowType,
      },
      global: { fetch: recordingFetch(wireLog, id) },
    });
  let pkce: SupabaseClient | undefined;
  return { id, label: `Device ${id}`, storageKey, client: make('implicit'), pkceClient: () => (pkce ??= make('pkce')) };
}
