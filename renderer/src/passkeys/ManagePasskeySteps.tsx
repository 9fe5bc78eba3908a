import type { SupabaseClient } from '@supabase/supabase-js';
import { Step } from '../steps/Step.js';
import { useSessionState } from '../ui/use-session-state.js';
import { PasskeyList } from './PasskeyViews.js';
import type { ListedPasskeys } from './use-passkey-list.js';

interface Props {
  auth: SupabaseClient['auth'];
  signedIn: boolean;
  list: ListedPasskeys;
}

/** Renaming and deleting one of the listed passkeys. */
export function ManagePasskeySteps({ auth, signedIn, list }: Props) {
  const { passkeys, passkeyId, setPasskeyId, listPasskeys } = list;
  const [friendlyName, setFriendlyName] = useSessionState('authlab.passkeys.friendly-name', () => 'Laptop');

  const passkeyChoice = (
    <label>
      Passkey
      <select value={passkeyId} onChange={(e) => setPasskeyId(e.target.value)} aria-label="Passkey">
        {passkeys.length === 0 && <option value="">(list the passkeys first)</option>}
        {passkeys.map((p) => (
          <option key={p.id} value={p.id}>
            {p.friendly_name || 'Passkey'} ({p.id.slice(0, 8)}…)
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <Step
        title="Rename a passkey"
        why="passkey.update() → PATCH /passkeys/{id} with a friendly_name, so a user can tell their passkeys apart."
        button="Rename"
        disabled={!signedIn || !passkeyId}
        run={async () => {
          const updated = await auth.passkey.update({ passkeyId, friendlyName: friendlyName.trim() });
          if (updated.data) await listPasskeys();
          return updated;
        }}
        renderData={(d) => <PasskeyList data={d} />}
      >
        {passkeyChoice}
        <label>
          New name
          <input value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} />
        </label>
      </Step>

      <Step
        title="Delete a passkey"
        why="passkey.delete() → DELETE /passkeys/{id}. GoTrue forgets the public key; the authenticator still holds the private key, but signing in with it now fails."
        button="Delete"
        disabled={!signedIn || !passkeyId}
        run={async () => {
          const deleted = await auth.passkey.delete({ passkeyId });
          if (deleted.error) return deleted;
          return listPasskeys();
        }}
        renderData={(d) => <PasskeyList data={d} />}
      >
        {passkeyChoice}
      </Step>
    </>
  );
}
