import {
  consumeWebAuthnChallengeRow,
  findPasskeyByRawId,
  insertPasskeyRow,
  insertWebAuthnChallengeRow,
  type ChallengeType,
  type PasskeyRow,
  type WebAuthnChallengeRow as ChallengeRow,
} from '../../db/passkeys.js';
import type { Sql } from '../../db/storage.js';
import type { Services } from '../../services.js';
import { goTime, goTimeOrUndefined, omitUndefined } from '../../go/json.js';
import type { SessionData } from './relying-party.js';
import type { NewCredential } from './verify.js';
import { fromBase64 } from './relying-party.js';

/** The rules around GoTrue's passkey rows (db/passkeys.ts): ids and times filled in, byte fields decoded. */

export type WebAuthnChallengeRow = ChallengeRow<SessionData>;

/** Raw credential ids (base64url, as the browser names them) are unique across all users. */
export const findPasskeyByCredentialId = (sql: Sql, credentialId: string) => findPasskeyByRawId(sql, fromBase64(credentialId));

export const insertPasskey = (sql: Sql, s: Services, userId: string, cred: NewCredential, friendlyName: string) =>
  insertPasskeyRow(sql, {
    id: s.random.uuid(),
    userId,
    credentialId: fromBase64(cred.id),
    publicKey: cred.publicKey,
    attestationType: cred.attestationType,
    aaguid: cred.aaguid,
    signCount: cred.signCount,
    transports: cred.transports,
    backupEligible: cred.backupEligible,
    backedUp: cred.backedUp,
    friendlyName,
    now: s.clock.now(),
  });

/** As GoTrue's NewWebAuthnChallenge + Create: the session data kept until a verify call consumes it. */
export function insertWebAuthnChallenge(
  sql: Sql,
  s: Services,
  c: { userId: string | null; type: ChallengeType; session: SessionData },
): Promise<WebAuthnChallengeRow> {
  const now = s.clock.now();
  const expiresAt = new Date(now.getTime() + s.config.webauthnChallengeExpiryDuration * 1000);
  return insertWebAuthnChallengeRow(sql, { id: s.random.uuid(), ...c, now, expiresAt });
}

export const consumeWebAuthnChallenge = (sql: Sql, id: string, type: ChallengeType, userId: string | null) =>
  consumeWebAuthnChallengeRow<SessionData>(sql, id, type, userId);

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
