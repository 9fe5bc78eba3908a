import type { PasskeyListItem, SupabaseClient } from '@supabase/supabase-js';
import { useSessionState } from '../ui/use-session-state.js';

/** The user's passkeys as last listed, and the one picked for renaming or deleting (kept for the tab). */
export function usePasskeyList(auth: SupabaseClient['auth']) {
  const [passkeys, setPasskeys] = useSessionState<PasskeyListItem[]>('authlab.passkeys.list', () => []);
  const [passkeyId, setPasskeyId] = useSessionState('authlab.passkeys.passkey-id', () => '');

  /** passkey.list(), keeping the pick when it still exists, else picking the first. */
  const listPasskeys = async () => {
    const listed = await auth.passkey.list();
    if (listed.data) {
      setPasskeys(listed.data);
      if (!listed.data.some((p) => p.id === passkeyId)) setPasskeyId(listed.data[0]?.id ?? '');
    }
    return listed;
  };

  return { passkeys, passkeyId, setPasskeyId, listPasskeys };
}

export type ListedPasskeys = ReturnType<typeof usePasskeyList>;
