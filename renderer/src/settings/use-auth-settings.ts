import { useEffect, useState } from 'react';
import { afterPolicyEvents, explainFetchFailure, pageRefusals } from '../connection/fetch-failure.js';
import { desktopBridge } from '../desktop/bridge.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';

/** The part of GET /settings the mail and SMS flows depend on. */
export interface AuthSettings {
  external: Record<string, boolean>;
  mailer_autoconfirm: boolean;
  phone_autoconfirm: boolean;
  /** Absent on GoTrue versions before passkeys. */
  passkeys_enabled?: boolean;
}

export type SettingsState = { status: 'loading' } | { status: 'ok'; settings: AuthSettings } | { status: 'error'; message: string };

/** Reads GET /auth/v1/settings once per connection (outside the wire log: it is not a flow step). */
export function useAuthSettings(): SettingsState {
  const { connection } = useExplorer();
  const [state, setState] = useState<SettingsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const url = `${connection.url.replace(/\/+$/, '')}/auth/v1/settings`;
    fetch(url, { headers: { apikey: connection.key } })
      .catch(async (e: unknown) => {
        await afterPolicyEvents();
        throw new Error(explainFetchFailure(url, (e as Error).message, pageRefusals().refused(url), !!desktopBridge()));
      })
      .then(async (response) => {
        if (!response.ok) throw new Error(`GET /auth/v1/settings answered ${response.status}`);
        return (await response.json()) as AuthSettings;
      })
      .then((settings) => live && setState({ status: 'ok', settings }))
      .catch((e: unknown) => live && setState({ status: 'error', message: (e as Error).message }));
    return () => {
      live = false;
    };
  }, [connection]);
  return state;
}
