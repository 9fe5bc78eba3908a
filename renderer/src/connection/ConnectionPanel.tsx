import { useState } from 'react';
import { maskSecret } from '../wire/mask.js';
import type { Connection } from './connection.js';
import { probeConnection } from './probe.js';

const SOURCE_LABEL: Record<Connection['source'], string> = {
  query: 'from the page URL (?url=&key=)',
  saved: 'saved in this browser',
  default: 'default: this page’s origin',
  desktop: 'chosen in the desktop app',
};

interface Props {
  connection: Connection;
  onSave(value: { url: string; key: string }): void;
  onReset(): void;
}

/** Which emulator the devices talk to; editing it recreates every device's client. */
export function ConnectionPanel({ connection, onSave, onReset }: Props) {
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState(connection.url);
  const [key, setKey] = useState(connection.key);
  const [checking, setChecking] = useState(false);
  // the probe's complaint about the URL being saved; "Save anyway" keeps it regardless
  const [problem, setProblem] = useState('');

  function save() {
    onSave({ url: url.trim(), key: key.trim() });
    setProblem('');
    setEditing(false);
  }

  if (!editing) {
    return (
      <div className="connection" aria-label="Connection">
        <div className="connection-url" title={connection.url}>{connection.url}</div>
        <div className="muted small">key {maskSecret(connection.key)} · {SOURCE_LABEL[connection.source]}</div>
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          Change connection
        </button>
      </div>
    );
  }
  return (
    <form
      className="connection"
      aria-label="Connection"
      onSubmit={(e) => {
        e.preventDefault();
        setChecking(true);
        void probeConnection(url.trim(), key.trim()).then((found) => {
          setChecking(false);
          if (found) setProblem(found);
          else save();
        });
      }}
    >
      <label>
        Emulator URL
        <input value={url} onChange={(e) => { setUrl(e.target.value); setProblem(''); }} placeholder="http://127.0.0.1:54321" />
      </label>
      <label>
        API key
        <input value={key} onChange={(e) => setKey(e.target.value)} />
      </label>
      {connection.source === 'query' && <p className="muted small">The page URL’s ?url=&key= still win over saved values.</p>}
      {problem && (
        <p className="connection-error small" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Save'}
        </button>
        {problem && (
          <button type="button" onClick={save}>
            Save anyway
          </button>
        )}
        <button type="button" onClick={() => { onReset(); setEditing(false); }}>
          Use defaults
        </button>
        <button type="button" className="link-button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
