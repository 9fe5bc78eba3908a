import type { AuthlabBridge, RedirectMode } from './bridge.js';

export type { RedirectMode };

/** Not a secret: which of the shell's two listeners auth redirects should come back to. */
const KEY = 'authlab.desktop.redirect-mode';

export const REDIRECT_MODES: readonly { mode: RedirectMode; label: string; url: string; why: string }[] = [
  {
    mode: 'loopback',
    label: 'Loopback listener',
    url: 'http://127.0.0.1:<port>/callback',
    why: 'GoTrue accepts any loopback IP without an allow-list entry (RFC 8252 §7.3), so this works against any project.',
  },
  {
    mode: 'custom-scheme',
    label: 'Custom protocol',
    url: 'authlab://callback',
    why: 'What a mobile or desktop app usually registers; GoTrue needs authlab://** in its allow list (the in-app emulator has it).',
  },
];

const isMode = (value: unknown): value is RedirectMode => REDIRECT_MODES.some((m) => m.mode === value);

/** The chosen mode; the loopback listener unless the user picked the custom protocol. */
export function readRedirectMode(storage: Pick<Storage, 'getItem'>): RedirectMode {
  const value = storage.getItem(KEY);
  return isMode(value) ? value : 'loopback';
}

export function saveRedirectMode(mode: RedirectMode, storage: Pick<Storage, 'setItem'>): void {
  if (!isMode(mode)) throw new Error(`authlab: unknown redirect mode ${String(mode)}`);
  storage.setItem(KEY, mode);
}

/** Asks the shell for the redirect URL of the chosen mode (it starts the loopback listener on first use). */
export async function prepareRedirect(bridge: Pick<AuthlabBridge, 'redirect'>, storage: Pick<Storage, 'getItem'>): Promise<string> {
  return (await bridge.redirect.prepare(readRedirectMode(storage))).redirectUrl;
}
