import type { Sql } from '../db/storage.js';
import { insertAuditEntries, type NewAuditEntry } from '../db/audit-log.js';
import type { Random } from '../clock.js';
import type { UserRow } from './users.js';

/** GoTrue's audit actions and the log_type each belongs to (models/audit_log_entry.go). */
const LOG_TYPES = {
  login: 'account',
  logout: 'account',
  invite_accepted: 'account',
  user_signedup: 'team',
  user_invited: 'team',
  user_deleted: 'team',
  token_revoked: 'token',
  token_refreshed: 'token',
  user_modified: 'user',
  user_recovery_requested: 'user',
  user_reauthenticate_requested: 'user',
  user_confirmation_requested: 'user',
  user_repeated_signup: 'user',
  user_updated_password: 'user',
  identity_linked: 'user',
  identity_unlinked: 'user',
  factor_in_progress: 'factor',
  factor_unenrolled: 'factor',
  challenge_created: 'factor',
  verification_attempted: 'factor',
  factor_deleted: 'factor',
  factor_updated: 'factor',
  passkey_created: 'user',
  passkey_updated: 'user',
  passkey_deleted: 'user',
} as const;

export type AuditAction = keyof typeof LOG_TYPES;

export interface AuditEvent {
  actor: UserRow;
  action: AuditAction;
  traits?: Record<string, unknown>;
  ip?: string;
}

/** The payload GoTrue stores; keys in Go's map order (sorted), so stored JSON reads the same. */
export function auditPayload(e: AuditEvent): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    action: e.action,
    actor_id: e.actor.id,
    actor_username: e.actor.phone || e.actor.email || '',
    actor_via_sso: e.actor.is_sso_user,
    log_type: LOG_TYPES[e.action],
  };
  const name = e.actor.raw_user_meta_data?.full_name;
  if (name !== undefined) payload.actor_name = name;
  if (e.traits) payload.traits = e.traits;
  return Object.fromEntries(Object.entries(payload).sort(([a], [b]) => a.localeCompare(b)));
}

/** Writes one or more audit entries in a single statement. */
export async function audit(sql: Sql, random: Random, now: Date, ...events: AuditEvent[]): Promise<void> {
  await insertAuditEntries(sql, now, auditEntries(random, events));
}

/** The rows to store for some events, each with its new id. */
export const auditEntries = (random: Random, events: AuditEvent[]): NewAuditEntry[] =>
  events.map((e) => ({ id: random.uuid(), payload: auditPayload(e), ip: e.ip ?? '' }));
