import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { StorageBridge } from '../renderer/src/storage/token-storage.js';
import type { AuthlabBridge } from './bridge-api.js';
import type { DeepLink } from './deep-links.js';
import { DEEP_LINK_EVENT, channelNames } from './ipc.js';

// the real 'electron' package cannot load outside Electron; this stands in for its renderer half
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, ..._args: unknown[]): Promise<unknown> => (channel === 'deep-links:listen' ? [] : `${channel} answered`)),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

let bridge: AuthlabBridge;
beforeAll(async () => {
  await import('./preload.js');
  bridge = electron.exposed.get('authlab') as AuthlabBridge;
});

const link: DeepLink = { via: 'custom-scheme', redirect: { kind: 'code', code: 'abc' } };

describe('the preload bridge', () => {
  it('exposes window.authlab and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['authlab']);
    expect(Object.keys(bridge).sort()).toEqual(['connection', 'emulator', 'openExternal', 'redirect', 'storage']);
  });

  it('exposes only functions, never ipcRenderer or its methods', () => {
    const values = [bridge.openExternal, ...Object.values(bridge.storage), ...Object.values(bridge.connection), ...Object.values(bridge.emulator), ...Object.values(bridge.redirect)];
    for (const value of values) {
      expect(typeof value).toBe('function');
      expect([electron.invoke, electron.on, electron.removeListener]).not.toContain(value);
    }
  });

  it('is what the renderer’s token storage expects (checked by the type checker)', () => {
    const storage: StorageBridge = bridge.storage;
    const global: Window['authlab'] = bridge;
    expect(storage).toBe(global?.storage);
  });

  it('sends each call on a channel of the contract, with its arguments', async () => {
    electron.invoke.mockClear();
    await bridge.storage.getItem('sb-127-auth-token');
    await bridge.storage.setItem('sb-127-auth-token', '{}');
    await bridge.storage.removeItem('sb-127-auth-token');
    await bridge.connection.get();
    await bridge.connection.useUrl({ url: 'https://abcd.supabase.co', anonKey: 'k', extra: 'dropped' } as never);
    await bridge.emulator.start();
    await bridge.emulator.stop();
    await bridge.redirect.prepare('loopback');
    await bridge.openExternal('https://supabase.com');
    expect(electron.invoke.mock.calls).toEqual([
      ['storage:get-item', 'sb-127-auth-token'],
      ['storage:set-item', 'sb-127-auth-token', '{}'],
      ['storage:remove-item', 'sb-127-auth-token'],
      ['connection:get'],
      ['connection:use-url', { url: 'https://abcd.supabase.co', anonKey: 'k' }],
      ['emulator:start'],
      ['emulator:stop'],
      ['redirect:prepare', 'loopback'],
      ['shell:open-external', 'https://supabase.com'],
    ]);
    for (const [channel] of electron.invoke.mock.calls) expect(channelNames).toContain(channel);
  });

  it('delivers deep links (pending ones too) without the IPC event, and unsubscribes', async () => {
    electron.invoke.mockImplementationOnce(async () => [link]);
    const received: unknown[][] = [];
    const unsubscribe = bridge.redirect.onDeepLink((...args) => received.push(args));
    await vi.waitFor(() => expect(received).toEqual([[link]]));

    const [event, relay] = electron.on.mock.calls.at(-1) as [string, (event: unknown, link: DeepLink) => void];
    expect(event).toBe(DEEP_LINK_EVENT);
    relay({ sender: 'ipcRenderer would leak here' }, link);
    expect(received).toEqual([[link], [link]]);

    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith(DEEP_LINK_EVENT, relay);
  });
});
