import { useState } from 'react';
import { maskSecret } from '../wire/mask.js';
import type { AuthlabBridge, ConnectionInfo } from './bridge.js';
import { RedirectModeChoice } from './RedirectModeChoice.js';

interface Props {
  bridge: AuthlabBridge;
  /** null until the shell has answered connection.get(). */
  info: ConnectionInfo | null;
  onChange(info: ConnectionInfo): void;
}

const STATE_LABEL: Record<ConnectionInfo['emulator']['state'], string> = {
  stopped: 'stopped',
  starting: 'starting…',
  running: 'running',
  failed: 'failed to start',
};

/**
 * The desktop app's connection: the emulator running inside the app (start / stop it) or another
 * project's URL. Switching URL makes the shell reload the window, so its CSP allows the new origin.
 */
export function DesktopConnectionPanel({ bridge, info, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState(info?.target === 'custom' ? (info.url ?? '') : '');
  const [anonKey, setAnonKey] = useState(info?.anonKey ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function act(action: () => Promise<ConnectionInfo>) {
    setBusy(true);
    setError('');
    try {
      onChange(await action());
      setEditing(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (!info) return <div className="connection muted" aria-label="Connection">Asking the desktop app for its connection…</div>;
  const { emulator } = info;
  const inProcess = info.target === 'in-process';
  return (
    <div className="connection" aria-label="Connection">
      <div className="connection-url" title={info.url ?? ''}>{info.url ?? '(no emulator)'}</div>
      <div className="muted small">
        {inProcess ? <>in-app emulator: {STATE_LABEL[emulator.state]}</> : 'another project (custom URL)'}
        {info.anonKey && <> · key {maskSecret(info.anonKey)}</>}
      </div>
      {emulator.error && <div className="error-text small">{emulator.error}</div>}
      {error && <div className="error-text small">{error}</div>}
      {!editing && (
        <div className="row">
          {(!inProcess || emulator.state !== 'running') && (
            <button type="button" className="link-button" disabled={busy} onClick={() => void act(() => bridge.emulator.start())}>
              {inProcess ? 'Start the emulator' : 'Use the in-app emulator'}
            </button>
          )}
          {inProcess && emulator.state === 'running' && (
            <button type="button" className="link-button" disabled={busy} onClick={() => void act(() => bridge.emulator.stop())}>
              Stop the emulator
            </button>
          )}
          <button type="button" className="link-button" disabled={busy} onClick={() => setEditing(true)}>
            Use another URL
          </button>
        </div>
      )}
      {!editing && <RedirectModeChoice />}
      {editing && (
        <form
          className="connection"
          onSubmit={(e) => {
            e.preventDefault();
            // the shell validates both and reloads the window on success
            void act(() => bridge.connection.useUrl({ url: url.trim(), anonKey: anonKey.trim() }));
          }}
        >
          <label>
            Project URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://127.0.0.1:54321" />
          </label>
          <label>
            Anon key
            <input value={anonKey} onChange={(e) => setAnonKey(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" disabled={busy}>
              Use this URL
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
