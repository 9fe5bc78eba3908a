import * as jose from 'jose';
import type { Config } from '../../config.js';

/**
 * The WebAuthn relying party as GoTrue runs it with go-webauthn (v0.16): the options it sends
 * (built here as go-webauthn marshals them, key order included) and the session data it keeps.
 * Checking what the browser sends back is @simplewebauthn/server's job (verify.ts).
 */

export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

export const relyingParty = (config: Config): RelyingParty => ({
  id: config.webauthnRpId,
  name: config.webauthnRpDisplayName,
  origins: config.webauthnRpOrigins,
});

/**
 * Why go-webauthn would refuse to start this ceremony with GoTrue's settings, if it would:
 * webauthn.New wants at least one origin, every ceremony an rp id, registration a display name.
 * GoTrue answers these with a 500 (it only logs a warning at start-up).
 */
export function relyingPartyProblem(rp: RelyingParty, ceremony: 'registration' | 'login'): string | undefined {
  if (rp.origins.length === 0) return "must provide at least one value to the 'RPOrigins' field";
  if (rp.id === '') return 'the relying party id must be provided';
  if (!/^[a-z0-9.-]+$/i.test(rp.id)) return 'the relying party id is not a valid domain string';
  if (ceremony === 'registration' && rp.name === '') return 'the relying party display name must be provided';
  return undefined;
}

/** go-webauthn's ceremony timeout when user verification is not "discouraged" (5 minutes, in ms). */
export const CEREMONY_TIMEOUT_MS = 300_000;

/** go-webauthn's CredentialParametersDefault: ES256, ES384, ES512, RS256, RS384, RS512, PS256, PS384, PS512, EdDSA. */
export const CREDENTIAL_ALGORITHMS = [-7, -35, -36, -257, -258, -259, -37, -38, -39, -8];

export interface CredentialDescriptor {
  type: 'public-key';
  id: string;
  transports?: string[];
}

export interface AuthenticatorSelection {
  residentKey?: 'required' | 'preferred' | 'discouraged';
  userVerification?: 'required' | 'preferred' | 'discouraged';
}

/**
 * go-webauthn's SessionData as GoTrue stores it (mfa_challenges.web_authn_session_data,
 * webauthn_challenges.session_data): byte fields in Go's standard base64.
 */
export interface SessionData {
  challenge: string;
  rpId: string;
  user_id: string | null;
  allowed_credentials?: string[];
  expires: string;
  userVerification: string;
  credParams?: { type: 'public-key'; alg: number }[];
}

/** Go's zero time, which SessionData.expires holds when timeouts are not enforced (GoTrue's case). */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

export const base64url = (bytes: Uint8Array) => jose.base64url.encode(bytes);
export const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
export function fromBase64(text: string): Uint8Array {
  const std = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(std + '='.repeat((4 - (std.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
const utf8 = (text: string) => new TextEncoder().encode(text);

/** As GoTrue's User.WebAuthnID: the user handle is the user id as text (36 bytes), not its 16 raw bytes. */
export const userHandle = (userId: string) => utf8(userId);

export interface CreationInput {
  rp: RelyingParty;
  user: { id: string; name: string; displayName: string };
  challenge: Uint8Array;
  exclude: CredentialDescriptor[];
  authenticatorSelection: AuthenticatorSelection;
  attestation?: 'none';
}

/** webauthn.BeginRegistration: PublicKeyCredentialCreationOptions and the session to verify against. */
export function creationOptions(input: CreationInput) {
  const challenge = base64url(input.challenge);
  const credParams = CREDENTIAL_ALGORITHMS.map((alg) => ({ type: 'public-key' as const, alg }));
  const options = {
    rp: { name: input.rp.name, id: input.rp.id },
    user: { name: input.user.name, displayName: input.user.displayName, id: base64url(userHandle(input.user.id)) },
    challenge,
    pubKeyCredParams: credParams,
    timeout: CEREMONY_TIMEOUT_MS,
    ...(input.exclude.length ? { excludeCredentials: input.exclude } : {}),
    // a struct in Go, so present even when empty ({} for GoTrue's MFA relying party)
    authenticatorSelection: input.authenticatorSelection,
    ...(input.attestation ? { attestation: input.attestation } : {}),
  };
  const session: SessionData = {
    challenge,
    rpId: input.rp.id,
    user_id: base64(userHandle(input.user.id)),
    expires: GO_ZERO_TIME,
    userVerification: input.authenticatorSelection.userVerification ?? '',
    credParams,
  };
  return { options, session };
}

export interface RequestInput {
  rp: RelyingParty;
  challenge: Uint8Array;
  /** The user of an MFA login; none for a discoverable (passkey) login. */
  userId?: string;
  allow: CredentialDescriptor[];
  userVerification?: 'preferred';
}

/** webauthn.BeginLogin / BeginDiscoverableLogin: PublicKeyCredentialRequestOptions and the session. */
export function requestOptions(input: RequestInput) {
  const challenge = base64url(input.challenge);
  const options = {
    challenge,
    timeout: CEREMONY_TIMEOUT_MS,
    rpId: input.rp.id,
    ...(input.allow.length ? { allowCredentials: input.allow } : {}),
    ...(input.userVerification ? { userVerification: input.userVerification } : {}),
  };
  const session: SessionData = {
    challenge,
    rpId: input.rp.id,
    user_id: input.userId ? base64(userHandle(input.userId)) : null,
    ...(input.allow.length ? { allowed_credentials: input.allow.map((d) => base64(fromBase64(d.id))) } : {}),
    expires: GO_ZERO_TIME,
    userVerification: input.userVerification ?? '',
  };
  return { options, session };
}

/** go-webauthn creates 32 random bytes per challenge. */
export const CHALLENGE_BYTES = 32;
