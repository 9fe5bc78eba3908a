import { describe, expect, it } from 'vitest';
import type { RedirectMode } from './bridge.js';
import { prepareRedirect, readRedirectMode, saveRedirectMode } from './redirect-mode.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

/** A shell that answers prepare() as electron/redirects.ts does, recording the modes asked for. */
function fakeShell() {
  const asked: RedirectMode[] = [];
  return {
    asked,
    redirect: {
      prepare: async (mode: RedirectMode) => {
        asked.push(mode);
        return { redirectUrl: mode === 'custom-scheme' ? 'authlab://callback' : 'http://127.0.0.1:49152/callback' };
      },
      onDeepLink: () => () => undefined,
    },
  };
}

describe('the desktop redirect choice', () => {
  it('asks the shell for the loopback listener when nothing was chosen', async () => {
    const shell = fakeShell();
    expect(await prepareRedirect(shell, memoryStorage())).toBe('http://127.0.0.1:49152/callback');
    expect(shell.asked).toEqual(['loopback']);
  });

  it('asks for the custom protocol once the user picked it, and back', async () => {
    const shell = fakeShell();
    const storage = memoryStorage();
    saveRedirectMode('custom-scheme', storage);
    expect(await prepareRedirect(shell, storage)).toBe('authlab://callback');
    saveRedirectMode('loopback', storage);
    expect(await prepareRedirect(shell, storage)).toBe('http://127.0.0.1:49152/callback');
    expect(shell.asked).toEqual(['custom-scheme', 'loopback']);
  });

  it('falls back to the loopback listener for a stored value it does not know', () => {
    expect(readRedirectMode(memoryStorage({ 'authlab.desktop.redirect-mode': 'javascript:alert(1)' }))).toBe('loopback');
  });

  it('refuses to store an unknown mode', () => {
    const storage = memoryStorage();
    expect(() => saveRedirectMode('file' as RedirectMode, storage)).toThrow(/unknown redirect mode/);
    expect(storage.items.size).toBe(0);
  });
});
