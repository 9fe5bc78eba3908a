import { useState } from 'react';
import { isLoopbackUrl } from '../connection/connection.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { maskSecret } from '../wire/mask.js';

/**
 * Which service role key the admin views send, and a way to give another: a real project's, or the
 * one of an emulator started with its own JWT secret. Says where an entered key is kept.
 */
export function AdminKeyPanel() {
  const { adminKey, connection } = useExplorer();
  const [editing, setEditing] = useState(adminKey.source === 'none');
  const [value, setValue] = useState('');
  const kept =
    adminKey.keptIn === 'keychain'
      ? 'kept in the OS keychain through the desktop app'
      : 'kept in this page’s memory only: never in web storage, so a reload forgets it';

  return (
    <section className="admin-key" aria-label="Service role key in use">
      <p className="small">
        {adminKey.source === 'demo' && (
          <>
            Service role key: the local stack’s demo key <code>{maskSecret(adminKey.key ?? '')}</code> (the default, sent
            only to loopback addresses).
          </>
        )}
        {adminKey.source === 'entered' && (
          <>
            Service role key: the one you entered, <code>{maskSecret(adminKey.key ?? '')}</code>, for{' '}
            <code>{connection.url}</code> only; {kept}.
          </>
        )}
        {adminKey.source === 'none' && (
          <>
            <code>{connection.url}</code> is not on this machine, so the local demo key is not sent there. Enter the
            project’s service role key to use this view: it goes to that URL only and is {kept}.
          </>
        )}{' '}
        {!editing && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Use another key
          </button>
        )}
        {adminKey.source === 'entered' && (
          <>
            {!editing && ' · '}
            <button type="button" className="link-button" onClick={() => adminKey.set(null)}>
              {isLoopbackUrl(connection.url) ? 'Back to the demo key' : 'Forget this key'}
            </button>
          </>
        )}
      </p>
      {editing && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            adminKey.set(value);
            setValue('');
            setEditing(false);
          }}
        >
          <label>
            Service role key
            <input type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
          <button type="submit" disabled={value.trim() === ''}>
            Use this key
          </button>
          {adminKey.source !== 'none' && (
            <button type="button" className="link-button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          )}
        </form>
      )}
    </section>
  );
}
