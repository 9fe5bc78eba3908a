import type { Session } from '@supabase/supabase-js';
import { useEffect, useState } from 'react';
import type { Device } from './device.js';

/** The device's current session, following supabase-js's auth events (sign-in, refresh, sign-out). */
export function useSession(device: Device): Session | null {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    // the callback only stores state: awaiting supabase calls inside it would deadlock auth-js
    const { data } = device.client.auth.onAuthStateChange((_event, next) => setSession(next));
    return () => data.subscription.unsubscribe();
  }, [device]);
  return session;
}
