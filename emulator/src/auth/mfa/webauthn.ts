import type { Sql } from '../../db/storage.js';
import type { Services } from '../../services.js';
import {
  challengeSessionData, setChallengeSession, setLastWebAuthnChallenge, setWebAuthnCredential, verifiedWebAuthnFactors,
  type ChallengeRow, type FactorRow,
} from '../../db/mfa-factors.js';
import { base64, base64url, fromBase64, type CredentialDescriptor, type SessionData } from '../webauthn/relying-party.js';
import type { NewCredential, StoredCredential } from '../webauthn/verify.js';
import { goTime } from '../../go/json.js';

/**
 * WebAuthn MFA factors as GoTrue keeps them (models/factor.go): the credential lives on the factor
 * row (mfa_factors.web_authn_credential, go-webauthn's Credential as JSON), the ceremony's session on
 * the challenge row (mfa_challenges.web_authn_session_data).
 */

/** go-webauthn's Credential marshalled by Go: byte fields in standard base64. */
export interface GoCredential {
  id: string;
  publicKey: string;
  attestationType: string;
  transport: string[];
  flags: { userPresent: boolean; userVerified: boolean; backupEligible: boolean; backupState: boolean };
  authenticator: { AAGUID: string; signCount: number; cloneWarning: boolean; attachment: string };
}

const aaguidBytes = (aaguid: string) => Uint8Array.from(aaguid.replace(/-/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

export function goCredential(c: NewCredential): GoCredential {
  return {
    id: base64(fromBase64(c.id)),
    publicKey: base64(c.publicKey),
    attestationType: c.attestationType,
    transport: c.transports,
    flags: { userPresent: c.userPresent, userVerified: c.userVerified, backupEligible: c.backupEligible, backupState: c.backedUp },
    authenticator: { AAGUID: base64(aaguidBytes(c.aaguid)), signCount: c.signCount, cloneWarning: false, attachment: '' },
  };
}

/** A factor's credential in the shape the assertion check takes, with the record it came from. */
function storedOf(raw: unknown): (StoredCredential & { record: GoCredential }) | undefined {
  const c = raw as GoCredential | null;
  if (!c || typeof c.id !== 'string' || typeof c.publicKey !== 'string') return undefined;
  const transports = Array.isArray(c.transport) ? c.transport : [];
  return {
    record: c,
    id: base64url(fromBase64(c.id)),
    publicKey: fromBase64(c.publicKey),
    transports,
    backupEligible: c.flags?.backupEligible === true,
  };
}

/**
 * As GoTrue's User.WebAuthnCredentials: the credentials of *all* the user's verified WebAuthn
 * factors, which every WebAuthn factor's ceremony excludes (registration) or allows (login).
 */
export async function userWebAuthnCredentials(sql: Sql, userId: string) {
  const rows = await verifiedWebAuthnFactors(sql, userId);
  return rows.flatMap((r) => storedOf(r.web_authn_credential) ?? []);
}

/** What an assertion reports about the authenticator (verifyAssertion's result). */
export interface AssertionResult {
  signCount: number;
  userVerified: boolean;
  backupEligible: boolean;
  backedUp: boolean;
}

/**
 * The credential as go-webauthn's ValidateLogin hands it back: the stored record with the sign count
 * moved on (or, when the count did not grow, the clone warning raised and the count kept) and the
 * flags replaced by the ones this assertion carried. An assertion that verified had user presence.
 */
export function loggedInCredential(record: GoCredential, result: AssertionResult): GoCredential {
  const stored = record.authenticator?.signCount ?? 0;
  const cloned = result.signCount <= stored && (result.signCount !== 0 || stored !== 0);
  return {
    ...record,
    flags: { userPresent: true, userVerified: result.userVerified, backupEligible: result.backupEligible, backupState: result.backedUp },
    authenticator: { ...record.authenticator, ...(cloned ? { cloneWarning: true } : { signCount: result.signCount }) },
  };
}

/** A record's AAGUID as the uuid GoTrue keeps in web_authn_aaguid; null when the record has none. */
function aaguidOf(record: GoCredential): string | null {
  const bytes = fromBase64(record.authenticator?.AAGUID ?? '');
  if (bytes.length !== 16) return null;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Registration excludes them with transports fixed to usb and nfc (as GoTrue writes them); login
 * allows them with the transports each authenticator reported.
 */
export const excludeDescriptors = (creds: StoredCredential[]): CredentialDescriptor[] =>
  creds.map((c) => ({ type: 'public-key', id: c.id, transports: ['usb', 'nfc'] }));
export const allowDescriptors = (creds: StoredCredential[]): CredentialDescriptor[] =>
  creds.map((c) => ({ type: 'public-key', id: c.id, ...(c.transports.length ? { transports: c.transports } : {}) }));

export async function saveChallengeSession(sql: Sql, challengeId: string, session: SessionData) {
  await setChallengeSession(sql, challengeId, session);
}

export async function challengeSession(sql: Sql, challengeId: string): Promise<SessionData | undefined> {
  return challengeSessionData<SessionData>(sql, challengeId);
}

/**
 * What a successful verify leaves on the factor, as GoTrue's SaveWebAuthnCredential (first verify
 * only) and UpdateLastWebAuthnChallenge: the challenge as it was, the ceremony type and the credential
 * response. GoTrue stores go-webauthn's parsed response there; authlab stores the JSON the client sent.
 * The credential saved on a first verify is the one the ceremony produced: the new one of a
 * registration, or for a login ("request") the user's existing credential the assertion matched.
 */
export async function recordWebAuthnVerify(
  tx: Sql,
  s: Services,
  v: { factor: FactorRow; challenge: ChallengeRow; session: SessionData; type: 'create' | 'request'; response: unknown; credential?: GoCredential },
) {
  const now = s.clock.now();
  if (v.credential) {
    await setWebAuthnCredential(tx, v.factor.id, v.credential, aaguidOf(v.credential), now);
  }
  const last = {
    challenge: {
      challenge_id: v.challenge.id,
      factor_id: v.challenge.factor_id,
      created_at: goTime(v.challenge.created_at),
      ip_address: v.challenge.ip_address,
      web_authn_session_data: v.session,
    },
    type: v.type,
    credential_response: v.response,
  };
  await setLastWebAuthnChallenge(tx, v.factor.id, last, now);
}
