import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { originOf } from './app-origin.js';
import { channelNames, ipcContract, isTrustedSender, registerIpcHandlers, validateInvocation, type IpcHandlers } from './ipc.js';

const KEY = 'sb-127-auth-token';
const ANON = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig';

/** Per channel: payloads main must accept, and payloads it must refuse. */
const cases: Record<keyof typeof ipcContract, { valid: unknown[][]; invalid: unknown[][] }> = {
  'storage:get-item': { valid: [[KEY], ['sb-abcdefghijklmnopqrst-auth-token-code-verifier']], invalid: [[], [42], ['a b'], ['x'.repeat(129)], [KEY, 'extra'], [{ toString: () => KEY }]] },
  'storage:set-item': { valid: [[KEY, '{"access_token":"x"}'], [KEY, '']], invalid: [[KEY], [KEY, 1], [KEY, 'x'.repeat(64 * 1024 + 1)], ['../x', 'v'], [KEY, 'v', 'extra']] },
  'storage:remove-item': { valid: [[KEY]], invalid: [[null], ['']] },
  'connection:get': { valid: [[]], invalid: [['x'], [{}]] },
  'connection:use-url': {
    valid: [[{ url: 'http://127.0.0.1:54321', anonKey: ANON }], [{ url: 'https://abcd.supabase.co', anonKey: 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH' }]],
    invalid: [
      [{ url: 'javascript:alert(1)', anonKey: ANON }],
      [{ url: 'file:///etc/passwd', anonKey: ANON }],
      [{ url: 'https://user:pw@abcd.supabase.co', anonKey: ANON }],
      [{ url: "https://x.test; script-src 'unsafe-inline'", anonKey: ANON }],
      [{ url: 'https://abcd.supabase.co', anonKey: 'key with spaces' }],
      [{ url: 'https://abcd.supabase.co', anonKey: ANON, extra: true }],
      [{ url: 'https://abcd.supabase.co' }],
      ['https://abcd.supabase.co'],
    ],
  },
  'emulator:start': { valid: [[]], invalid: [[54321]] },
  'emulator:stop': { valid: [[]], invalid: [[true]] },
  'redirect:prepare': { valid: [['custom-scheme'], ['loopback']], invalid: [['https'], [], [null]] },
  'shell:open-external': { valid: [['https://supabase.com/docs']], invalid: [[], [{ url: 'https://x' }], ['x'.repeat(4097)]] },
  'deep-links:listen': { valid: [[]], invalid: [[() => {}]] },
};

describe('the IPC contract', () => {
  for (const channel of channelNames) {
    it(`accepts valid ${channel} messages`, () => {
      for (const args of cases[channel].valid) expect(validateInvocation(channel, args), JSON.stringify(args)).toMatchObject({ ok: true });
    });
    it(`refuses malformed ${channel} messages`, () => {
      for (const args of cases[channel].invalid) expect(validateInvocation(channel, args).ok, JSON.stringify(args).slice(0, 80)).toBe(false);
    });
  }

  it('refuses channels outside the contract, including prototype names', () => {
    for (const channel of ['nope', 'toString', '__proto__', 'constructor', 'ELECTRON_BROWSER_REQUIRE']) {
      expect(validateInvocation(channel, [])).toMatchObject({ ok: false, error: expect.stringMatching(/unknown channel/) });
    }
  });

  it('never echoes a refused payload, which may hold tokens', () => {
    const result = validateInvocation('storage:set-item', ['not a key!', 'secret-refresh-token']);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret-refresh-token');
  });
});

describe('the IPC sender check', () => {
  const trusted = { webContentsId: 7, origin: 'app://authlab' };
  const sender = { webContentsId: 7, frameUrl: 'app://authlab/_/index.html#/password', isMainFrame: true };

  it('trusts only the app window’s top frame on the app origin', () => {
    expect(isTrustedSender(sender, trusted, originOf)).toBe(true);
    expect(isTrustedSender({ ...sender, webContentsId: 8 }, trusted, originOf)).toBe(false);
    expect(isTrustedSender({ ...sender, isMainFrame: false }, trusted, originOf)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: undefined }, trusted, originOf)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'https://evil.test/' }, trusted, originOf)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'app://evil/_/index.html' }, trusted, originOf)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'file:///_/index.html' }, trusted, originOf)).toBe(false);
  });
});

describe('registered handlers', () => {
  function register(isTrusted = true) {
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const handlers = Object.fromEntries(channelNames.map((c) => [c, vi.fn(async () => `${c} ran`)])) as unknown as IpcHandlers;
    registerIpcHandlers({ handle: (channel, listener) => void registered.set(channel, listener) }, handlers, () => isTrusted);
    const call = (channel: string, ...args: unknown[]) => Promise.resolve(registered.get(channel)!({} as IpcMainInvokeEvent, ...args));
    return { registered, handlers, call };
  }

  it('registers exactly the contract’s channels', () => {
    expect([...register().registered.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('passes parsed arguments to the handler', async () => {
    const { handlers, call } = register();
    await expect(call('storage:get-item', KEY)).resolves.toBe('storage:get-item ran');
    expect(handlers['storage:get-item']).toHaveBeenCalledWith(KEY);
  });

  it('rejects a bad payload before the handler runs', async () => {
    const { handlers, call } = register();
    await expect(call('storage:set-item', KEY, 42)).rejects.toThrow(/refused storage:set-item/);
    expect(handlers['storage:set-item']).not.toHaveBeenCalled();
  });

  it('rejects every channel from an untrusted sender', async () => {
    const { handlers, call } = register(false);
    await expect(call('connection:get')).rejects.toThrow(/not sent by the app's own page/);
    expect(handlers['connection:get']).not.toHaveBeenCalled();
  });
});
