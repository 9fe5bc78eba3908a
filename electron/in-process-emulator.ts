import { listen, PortInUseError, type Listening } from '../emulator/src/adapters/node-server.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../emulator/src/config.js';
import { createEmulator, type Emulator } from '../emulator/src/index.js';
import { CUSTOM_SCHEME_REDIRECT_URL } from './deep-links.js';
import type { EmulatorStatus } from './ipc.js';

/**
 * The emulator inside the main process, so the desktop app works with nothing else running.
 * Start and stop are idempotent and never overlap: a stop waits for a start in progress.
 */
export interface InProcessEmulator {
  start(): Promise<EmulatorStatus>;
  stop(): Promise<EmulatorStatus>;
  /** Resolves once any start or stop in progress has settled. */
  settled(): Promise<EmulatorStatus>;
  anonKey(): string | null;
}

export interface InProcessEmulatorOptions {
  /** GOTRUE_* overrides, as the CLI reads them. */
  env?: Record<string, string | undefined>;
  /** Tried first, as `supabase start`; a free port when it is taken (say, by `npm start`). */
  preferredPort?: number;
  onProgress?: (message: string) => void;
}

interface Running {
  emulator: Emulator;
  server: Listening;
}

export function createInProcessEmulator(options: InProcessEmulatorOptions = {}): InProcessEmulator {
  let running: Running | undefined;
  let status: EmulatorStatus = { state: 'stopped', url: null, error: null };
  let transition: Promise<unknown> = Promise.resolve();

  const serialized = (task: () => Promise<void>): Promise<EmulatorStatus> => {
    const run = transition.then(task, task);
    transition = run.catch(() => {});
    return run.then(() => status);
  };

  async function boot(): Promise<void> {
    if (running) return;
    status = { state: 'starting', url: null, error: null };
    try {
      running = await startServing(options);
      status = { state: 'running', url: running.server.url, error: null };
    } catch (e) {
      status = { state: 'failed', url: null, error: (e as Error).message };
    }
  }

  async function shutdown(): Promise<void> {
    const current = running;
    running = undefined;
    if (current) {
      await current.server.close();
      await current.emulator.close();
    }
    status = { state: 'stopped', url: null, error: null };
  }

  return {
    start: () => serialized(boot),
    stop: () => serialized(shutdown),
    settled: () => transition.then(() => status),
    anonKey: () => running?.emulator.keys.anon ?? null,
  };
}

/**
 * Takes the port first, because the emulator must know its own URL (verify links point at it);
 * requests that arrive while the database boots wait for it, as in the CLI.
 */
async function startServing(options: InProcessEmulatorOptions): Promise<Running> {
  let ready: (emulator: Emulator) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const booted = new Promise<Emulator>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  booted.catch(() => {});
  const server = await listenPreferred(async (request) => (await booted).fetch(request), options.preferredPort ?? DEFAULT_PORT);
  try {
    const emulator = await createEmulator({
      env: options.env ?? {},
      config: {
        apiExternalUrl: `${server.url}/auth/v1`,
        // redirects back into this app by its scheme (loopback URLs pass GoTrue's own rules already),
        // added to whatever GOTRUE_URI_ALLOW_LIST allows
        uriAllowList: [...listFromEnv(options.env?.GOTRUE_URI_ALLOW_LIST), `${CUSTOM_SCHEME_REDIRECT_URL}**`],
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    ready(emulator);
    return { emulator, server };
  } catch (e) {
    failed(e);
    await server.close();
    throw e;
  }
}

async function listenPreferred(fetch: (request: Request) => Promise<Response>, port: number): Promise<Listening> {
  try {
    return await listen(fetch, { port, host: DEFAULT_HOST });
  } catch (e) {
    if (!(e instanceof PortInUseError) || port === 0) throw e;
    return listen(fetch, { port: 0, host: DEFAULT_HOST });
  }
}

function listFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}
