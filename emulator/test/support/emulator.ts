import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { listen, type Listening } from '../../src/adapters/node-server.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/index.js';

export interface TestServer {
  emulator: Emulator;
  server: Listening;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** A fresh supabase-js client, as an app would create one (no persisted session). */
  client(key?: string): SupabaseClient;
  /** Raw fetch against /auth/v1 with the anon apikey unless headers say otherwise. */
  auth(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/**
 * One emulator on a random loopback port per test file, emptied before each test.
 * bcrypt cost 4 keeps the suite fast; the cost-10 default has its own test.
 */
export function useEmulator(options: EmulatorOptions = {}): TestServer {
  const ctx = {} as TestServer;
  const ready = (async () => {
    // take a port first, so the emulator's links (API_EXTERNAL_URL) point at this very server
    let emulator: Emulator | undefined;
    const server = await listen((request) => emulator!.fetch(request), { port: 0, host: '127.0.0.1' });
    emulator = await createEmulator({
      ...options,
      config: { bcryptCost: 4, apiExternalUrl: `${server.url}/auth/v1`, ...(options.config ?? {}) },
    });
    Object.assign(ctx, {
      emulator,
      server,
      url: server.url,
      client: (key = emulator.keys.anon) =>
        createClient(server.url, key, {
          auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
          realtime: { transport: WebSocket as never },
        }),
      auth: (path: string, init: RequestInit & { json?: unknown } = {}) => {
        const headers = new Headers(init.headers);
        if (!headers.has('apikey')) headers.set('apikey', emulator.keys.anon);
        let body = init.body;
        if (init.json !== undefined) {
          headers.set('content-type', 'application/json');
          body = JSON.stringify(init.json);
        }
        return fetch(`${server.url}/auth/v1${path}`, { ...init, headers, body });
      },
    });
  })();
  beforeEach(async () => {
    await ready;
    ctx.emulator.clock.restore();
    await ctx.emulator.reset();
  });
  afterAll(async () => {
    await ready;
    await ctx.server.close();
    await ctx.emulator.close();
  });
  return ctx;
}

let counter = 0;
/** A unique address per call, so tests never depend on each other's users. */
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${counter++}@example.com`;
