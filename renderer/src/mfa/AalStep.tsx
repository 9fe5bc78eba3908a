import type { SupabaseClient } from '@supabase/supabase-js';
import { Step } from '../steps/Step.js';
import { AalView } from './MfaViews.js';

interface Props {
  auth: SupabaseClient['auth'];
  signedIn: boolean;
  title: string;
  why: string;
}

/** The session's assurance level, read before and after a factor is verified to show it change. */
export function AalStep({ auth, signedIn, title, why }: Props) {
  return (
    <Step title={title} why={why} button="Get assurance level" disabled={!signedIn} run={() => auth.mfa.getAuthenticatorAssuranceLevel()} renderData={(d) => <AalView data={d} />} />
  );
}
