import type { SupabaseClient } from '@supabase/supabase-js';

/**
 * The "Sign up / sign in" step of flows that need a session first: a new user signs up (autoconfirm
 * gives a session at once); a user who exists already, or a sign-up that gives no session, signs in
 * with the password instead. With confirmations on, a new or unconfirmed user's sign-up mails the
 * confirmation and the sign-in that follows answers email_not_confirmed.
 */
export async function signUpOrSignIn(auth: SupabaseClient['auth'], email: string, password: string, emailRedirectTo?: string) {
  const signUp = await auth.signUp({ email, password, ...(emailRedirectTo && { options: { emailRedirectTo } }) });
  if (signUp.error?.code !== 'user_already_exists' && (signUp.error || signUp.data.session)) return signUp;
  return auth.signInWithPassword({ email, password });
}
