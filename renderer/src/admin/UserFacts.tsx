import type { User } from '@supabase/supabase-js';
import { FactsTable } from '../ui/FactsTable.js';
import { bannedUntil, deletedAt, when } from './format.js';

/** The profile at a glance; a soft-deleted user gets one more row saying when. */
export function UserFacts({ user }: { user: User }) {
  const banned = bannedUntil(user);
  const rows: [string, string][] = [
    ['id', user.id],
    ['email', user.email || '—'],
    ['phone', user.phone ? `+${user.phone}` : '—'],
    ['role', user.role ?? '—'],
    ['created', when(user.created_at)],
    ['email confirmed', when(user.email_confirmed_at)],
    ['last sign-in', when(user.last_sign_in_at)],
    ['banned until', banned ? when(banned) : '—'],
  ];
  const deleted = deletedAt(user);
  if (deleted) rows.push(['deleted', when(deleted)]);
  return <FactsTable label="User facts" className="compare facts" rows={rows} />;
}
