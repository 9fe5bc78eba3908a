import type { Sql } from '../db/storage.js';
import type { Services } from '../services.js';
import { goTime, goTimeOrUndefined, omitUndefined } from '../go/json.js';
import type { SessionData } from './webauthn.js';
import type { NewCredential } from './webauthn-verify.js';
import { fromBase64 } from './webauthn.js';

/** GoTrue's passkey rows (models/webauthn_credential.go, models/webauthn_challenge.go) and their queries. */

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

export interface WebAuthnChallengeRow {
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

/** Raw credential ids (base64url, as the browser names them) are unique across all users. */
export const findPasskeyByCredentialId = async (sql: Sql, credentialId: string) =>
  (await sql.query<PasskeyRow>('select * from auth.webauthn_credentials where credential_id = $1', [fromBase64(credentialId)]))[0];

export const countPasskeys = async (sql: Sql, userId: string) =>
  Number((await sql.query<{ n: string }>('select count(*) as n from auth.webauthn_credentials where user_id = $1', [userId]))[0]!.n);

export async function insertPasskey(sql: Sql, s: Services, userId: string, cred: NewCredential, friendlyName: string) {
  const now = s.clock.now();
  const [row] = await sql.query<PasskeyRow>(
    `insert into auth.webauthn_credentials (id, user_id, credential_id, public_key, attestation_type, aaguid, sign_count,
       transports, backup_eligible, backed_up, friendly_name, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $12) returning *`,
    [
      s.random.uuid(), userId, fromBase64(cred.id), cred.publicKey, cred.attestationType, cred.aaguid, cred.signCount,
      JSON.stringify(cred.transports), cred.backupEligible, cred.backedUp, friendlyName, now,
    ],
  );
  return row!;
}

/** As GoTrue's NewWebAuthnChallenge + Create: the session data kept until a verify call consumes it. */
export async function insertWebAuthnChallenge(
  sql: Sql,
  s: Services,
  c: { userId: string | null; type: ChallengeType; session: SessionData },
): Promise<WebAuthnChallengeRow> {
  const now = s.clock.now();
  const expires = new Date(now.getTime() + s.config.webauthnChallengeExpiryDuration * 1000);
  const [row] = await sql.query<WebAuthnChallengeRow>(
    `insert into auth.webauthn_challenges (id, user_id, challenge_type, session_data, created_at, expires_at)
     values ($1, $2, $3, $4::jsonb, $5, $6) returning *`,
    [s.random.uuid(), c.userId, c.type, JSON.stringify(c.session), now, expires],
  );
  return row!;
}

/**
 * As GoTrue's ConsumeWebAuthnChallengeByID: one delete ... returning, so a challenge is used at most
 * once whatever happens next; a registration challenge must be the caller's, an authentication one
 * must belong to nobody.
 */
export async function consumeWebAuthnChallenge(sql: Sql, id: string, type: ChallengeType, userId: string | null) {
  const rows = userId
    ? await sql.query<WebAuthnChallengeRow>(
        'delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id = $3 returning *',
        [id, type, userId],
      )
    : await sql.query<WebAuthnChallengeRow>(
        'delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id is null returning *',
        [id, type],
      );
  return rows[0];
}

/** GoTrue's PasskeyListItem: friendly_name and last_used_at left out when empty. */
export const passkeyJson = (p: PasskeyRow) =>
  omitUndefined({
    id: p.id,
    friendly_name: p.friendly_name || undefined,
    created_at: goTime(p.created_at),
    last_used_at: goTimeOrUndefined(p.last_used_at),
  });

/**
 * A few well-known authenticators of the AAGUID table GoTrue embeds (passkeydeveloper's
 * passkey-authenticator-aaguids); anything else, including all-zero AAGUIDs, is "Passkey".
 */
const AUTHENTICATOR_NAMES: Record<string, string> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'iCloud Keychain (Managed)',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  'd3452668-01fd-4c12-926c-83a4204853aa': 'Microsoft Password Manager',
  '53414d53-554e-4700-0000-000000000000': 'Samsung Pass',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
  'b84e4048-15dc-4dd0-8640-f4f60813c8af': 'NordPass',
  '50726f74-6f6e-5061-7373-50726f746f6e': 'Proton Pass',
  'fdb141b2-5d84-443e-8a35-4698c205a502': 'KeePassXC',
  'f3809540-7f14-49c1-a8b3-8f813b225541': 'Enpass',
  '19083c3d-8383-4b18-bc03-8f1c9ab2fd1b': 'YubiKey 5 Series',
  'cb69481e-8ff7-4039-93ec-0a2729a154a8': 'YubiKey 5 Series',
  'ee882879-721c-4913-9775-3dfcce97072a': 'YubiKey 5 Series',
  'ff4dac45-ede8-4ec2-aced-cf66103f4335': 'YubiKey 5 Series',
  '42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3': 'Google Titan Security Key v2',
};

/** As GoTrue's PasskeyFriendlyName: the authenticator's name when its AAGUID is known. */
export const passkeyFriendlyName = (aaguid: string) => AUTHENTICATOR_NAMES[aaguid.toLowerCase()] ?? 'Passkey';
