import { useId, useState } from 'react';
import { readRedirectMode, REDIRECT_MODES, saveRedirectMode, type RedirectMode } from './redirect-mode.js';

/**
 * Where auth redirects (mail links, OAuth consent) come back to in the desktop app: the shell's
 * loopback listener or its custom protocol. Read by redirectTo() at the moment a flow starts.
 */
export function RedirectModeChoice() {
  const name = useId();
  const [mode, setMode] = useState<RedirectMode>(() => readRedirectMode(window.localStorage));
  function choose(next: RedirectMode) {
    saveRedirectMode(next, window.localStorage);
    setMode(next);
  }
  return (
    <fieldset className="redirect-mode">
      <legend className="small">Redirects come back through</legend>
      {REDIRECT_MODES.map((m) => (
        <label key={m.mode} className="small" title={m.why}>
          <input type="radio" name={name} value={m.mode} checked={mode === m.mode} onChange={() => choose(m.mode)} />
          <span>
            {m.label}
            <code>{m.url}</code>
          </span>
        </label>
      ))}
      <p className="muted small">{REDIRECT_MODES.find((m) => m.mode === mode)?.why}</p>
    </fieldset>
  );
}
