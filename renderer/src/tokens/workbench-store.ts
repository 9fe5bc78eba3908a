import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import type { TokenStorage } from '../storage/index.js';

/** Tokens pasted into the workbench live with the sessions (token storage), not with the screens' inputs. */
export const WORKBENCH = {
  token: 'authlab.workbench.token',
  compare: 'authlab.workbench.compare',
  secret: 'authlab.workbench.secret',
} as const;

const read = (storage: TokenStorage, key: string) => Promise.resolve(storage.adapter.getItem(key));

/**
 * Opens a token in the workbench. Without `compareWith`, the token it held before becomes the one
 * compared with: send the token before a step, then after it, and the workbench shows what changed.
 */
export async function sendToWorkbench(storage: TokenStorage, token: string, compareWith?: string): Promise<void> {
  const previous = compareWith ?? (await read(storage, WORKBENCH.token));
  if (previous && previous !== token) await storage.adapter.setItem(WORKBENCH.compare, previous);
  await storage.adapter.setItem(WORKBENCH.token, token);
  window.location.hash = '#/tokens';
}

/** A text box kept in the token storage: `null` until it has been read. */
export function useStoredText(key: string, initial = ''): [string | null, (value: string) => void] {
  const { storage } = useExplorer();
  const [value, setValue] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void read(storage, key).then((stored) => live && setValue(stored ?? initial));
    return () => {
      live = false;
    };
  }, [storage, key, initial]);
  return [
    value,
    (next: string) => {
      setValue(next);
      void (next ? storage.adapter.setItem(key, next) : storage.adapter.removeItem(key));
    },
  ];
}
