import type { Sql } from './storage.js';

/** auth.webauthn_credentials and auth.webauthn_challenges (GoTrue's models/webauthn_credential.go, webauthn_challenge.go). */

export interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: Uint8Array;
  public_key: Uint8Array;
  attestation_type: string;
  aaguid: string | null;
  sign_count: string | number;
  transports: string[];
  backup_eligible: boolean;
  backed_up: boolean;
  friendly_name: string;
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

export type ChallengeType = 'registration' | 'authentication';

/** session_data is the WebAuthn ceremony's state, kept as JSON; its shape belongs to auth/webauthn/relying-party.ts. */
export interface WebAuthnChallengeRow<SessionData> {
  id: string;
  user_id: string | null;
  challenge_type: ChallengeType;
  session_data: SessionData;
  created_at: Date;
  expires_at: Date;
}

/** Oldest first, as GoTrue's FindWebAuthnCredentialsByUserID orders them. */
export const passkeysOf = (sql: Sql, userId: string) =>
  sql.query<PasskeyRow>('select * from auth.webauthn_credentials where user_id = $1 order by created_at, id', [userId]);

export const findPasskey = async (sql: Sql, userId: string, id: string) =>
  (await sql.query<PasskeyRow>('select * from auth.webauthn_credentials where id = $1 and user_id = $2', [id, userId]))[0];

/** Raw credential ids are unique across all users. */
export const findPasskeyByRawId = async (sql: Sql, rawId: Uint8Array) =>
  (await sql.query<PasskeyRow>('select * from auth.webauthn_credentials where credential_id = $1', [rawId]))[0];

export const countPasskeys = async (sql: Sql, userId: string) =>
  Number((await sql.query<{ n: string }>('select count(*) as n from auth.webauthn_credentials where user_id = $1', [userId]))[0]!.n);

export interface NewPasskey {
  id: string;
  userId: string;
  credentialId: Uint8Array;
  publicKey: Uint8Array;
  attestationType: string;
  aaguid: string | null;
  signCount: number;
  transports: string[];
  backupEligible: boolean;
  backedUp: boolean;
  friendlyName: string;
  now: Date;
}

export async function insertPasskeyRow(sql: Sql, p: NewPasskey) {
  const [row] = await sql.query<PasskeyRow>(
    `insert into auth.webauthn_credentials (id, user_id, credential_id, public_key, attestation_type, aaguid, sign_count,
       transports, backup_eligible, backed_up, friendly_name, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $12) returning *`,
    [
      p.id, p.userId, p.credentialId, p.publicKey, p.attestationType, p.aaguid, p.signCount,
      JSON.stringify(p.transports), p.backupEligible, p.backedUp, p.friendlyName, p.now,
    ],
  );
  return row!;
}

/** A sign-in with the passkey: its authenticator's new counter, and when. */
export const recordPasskeyUse = async (tx: Sql, id: string, signCount: number, now: Date) => {
  await tx.query('update auth.webauthn_credentials set sign_count = $2, last_used_at = $3, updated_at = $3 where id = $1', [id, signCount, now]);
};

export const renamePasskey = async (tx: Sql, id: string, friendlyName: string, now: Date) =>
  (await tx.query<PasskeyRow>(
    'update auth.webauthn_credentials set friendly_name = $2, updated_at = $3 where id = $1 returning *',
    [id, friendlyName, now],
  ))[0]!;

export const deletePasskey = async (tx: Sql, id: string) => {
  await tx.query('delete from auth.webauthn_credentials where id = $1', [id]);
};

export async function insertWebAuthnChallengeRow<SessionData>(
  sql: Sql,
  c: { id: string; userId: string | null; type: ChallengeType; session: SessionData; now: Date; expiresAt: Date },
) {
  const [row] = await sql.query<WebAuthnChallengeRow<SessionData>>(
    `insert into auth.webauthn_challenges (id, user_id, challenge_type, session_data, created_at, expires_at)
     values ($1, $2, $3, $4::jsonb, $5, $6) returning *`,
    [c.id, c.userId, c.type, JSON.stringify(c.session), c.now, c.expiresAt],
  );
  return row!;
}

/**
 * As GoTrue's ConsumeWebAuthnChallengeByID: one delete ... returning, so a challenge is used at most
 * once whatever happens next; a registration challenge must be the caller's, an authentication one
 * must belong to nobody.
 */
export async function consumeWebAuthnChallengeRow<SessionData>(sql: Sql, id: string, type: ChallengeType, userId: string | null) {
  const rows = userId
    ? await sql.query<WebAuthnChallengeRow<SessionData>>(
        'delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id = $3 returning *',
        [id, type, userId],
      )
    : await sql.query<WebAuthnChallengeRow<SessionData>>(
        'delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id is null returning *',
        [id, type],
      );
  return rows[0];
}
