import type { ReactNode } from 'react';
import type { AuthSettings, SettingsState } from './use-auth-settings.js';

interface Props {
  settings: SettingsState;
  /** Whether the flow can run with these settings. */
  ready(settings: AuthSettings): boolean;
  /** What GET /settings says when the flow can run. */
  on: ReactNode;
  /** What to change when it cannot. */
  off: ReactNode;
}

/** One line under a flow's intro: does this emulator have what the flow needs, and if not, how to get it. */
export function SettingNotice({ settings, ready, on, off }: Props) {
  if (settings.status === 'loading') return <p className="setting-notice muted">Reading GET /auth/v1/settings…</p>;
  if (settings.status === 'error') {
    return <p className="setting-notice warn">Could not read the emulator’s settings ({settings.message}).</p>;
  }
  const ok = ready(settings.settings);
  return (
    <p className={ok ? 'setting-notice ok' : 'setting-notice warn'} role="note" aria-label="Emulator setting">
      {ok ? on : off}
    </p>
  );
}
