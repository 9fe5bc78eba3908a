import { inboxEventsUpgrade } from './adapters/inbox-events-ws.js';
import { listen } from './adapters/node-server.js';
import { createEmulator, type Emulator, type EmulatorOptions } from './index.js';

/**
 * authlab in a Node test process: an emulator listening on a loopback port, with the helpers test
 * suites need. For Vitest, Jest or node:test:
 *
 *   const authlab = await startEmulator();
 *   const supabase = createClient(authlab.url, authlab.anonKey);
 *   ...
 *   await authlab.reset();   // between tests, milliseconds
 *   await authlab.stop();
 */
export interface RunningEmulator extends Emulator {
  /** Base URL to give createClient, e.g. http://127.0.0.1:41234 */
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  stop(): Promise<void>;
}

export interface StartOptions extends EmulatorOptions {
  port?: number;
  host?: string;
  /** Wraps the fetch handler the server runs, e.g. to serve more than the emulator. */
  wrap?: (fetch: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response>;
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  let emulator: Emulator | undefined;
  let started!: (emulator: Emulator) => void;
  let failed!: (error: unknown) => void;
  const ready = new Promise<Emulator>((resolve, reject) => ((started = resolve), (failed = reject)));
  // listen first, so the links the emulator mails point at the port it really has
  const handler = (request: Request) => emulator!.fetch(request);
  const server = await listen(options.wrap ? options.wrap(handler) : handler, {
    port: options.port ?? 0,
    host,
    upgrade: inboxEventsUpgrade(ready.then((e) => e.inboxEvents), ['/_/inbox/api/events']),
  });
  try {
    emulator = await createEmulator({
      ...options,
      host,
      config: { apiExternalUrl: `${server.url}/auth/v1`, ...(options.config ?? {}) },
    });
    started(emulator);
  } catch (e) {
    failed(e);
    await server.close();
    throw e;
  }
  return {
    ...emulator,
    url: server.url,
    anonKey: emulator.keys.anon,
    serviceRoleKey: emulator.keys.serviceRole,
    async stop() {
      await server.close();
      await emulator!.close();
    },
  };
}

export type { CapturedMail, FollowedLink, Inbox, MailKind, Outbox } from './mail/captured.js';
export { findSupabaseConfig, formatSupabaseReport, loadSupabaseConfig } from './supabase-config.js';
export type { SupabaseConfig, SupabaseConfigReport } from './supabase-config.js';
