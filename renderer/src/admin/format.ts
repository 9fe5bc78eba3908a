import type { User } from '@supabase/supabase-js';

/** A GoTrue timestamp in local time; '—' when absent. */
export function when(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** How Studio would label a user: email, else phone, else the id. */
export function userLabel(user: User): string {
  return user.email || (user.phone ? `+${user.phone}` : user.id);
}

export type UserStatus = 'deleted' | 'banned' | 'unconfirmed' | 'confirmed' | 'anonymous';

/** banned_until and deleted_at come in the admin user object, but not in supabase-js's User type. */
type AdminUser = User & { banned_until?: string; deleted_at?: string };

export function bannedUntil(user: User, now = Date.now()): string | null {
  const until = (user as AdminUser).banned_until;
  return until && new Date(until).getTime() > now ? until : null;
}

export function statusOf(user: User, now = Date.now()): UserStatus {
  if ((user as AdminUser).deleted_at) return 'deleted';
  if (bannedUntil(user, now)) return 'banned';
  if (user.is_anonymous) return 'anonymous';
  return user.email_confirmed_at || user.phone_confirmed_at ? 'confirmed' : 'unconfirmed';
}

export function deletedAt(user: User): string | null {
  return (user as AdminUser).deleted_at ?? null;
}
