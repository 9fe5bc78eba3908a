import { fromBase64, type RelyingParty, type SessionData } from './relying-party.js';

/**
 * Checking what navigator.credentials.create()/get() produced, as go-webauthn's CreateCredential
 * and ValidateLogin do for GoTrue. The attestation and assertion checks (CBOR, COSE keys,
 * signatures, rp id hash, flags) are @simplewebauthn/server's; this file only maps GoTrue's
 * settings onto it and keeps go-webauthn's two-step "parse, then verify" so routes can answer
 * GoTrue's different errors for a malformed credential and for one that does not verify.
 */

/** The credential JSON could not be parsed (go-webauthn's Parse*ResponseBody failed). */
export class WebAuthnParseError extends Error {}
/** The credential parsed but did not verify (wrong challenge, origin, rp id, signature, ...). */
export class WebAuthnVerifyError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
/** base64url that decodes: a length of 1 mod 4 (padding aside) is no encoding of any bytes. */
const isB64url = (v: unknown): v is string =>
  typeof v === 'string' && v !== '' && /^[A-Za-z0-9_-]+=*$/.test(v) && v.replace(/=+$/, '').length % 4 !== 1;

/** As go-webauthn's Parse: the PublicKeyCredential JSON fields a ceremony needs, well formed. */
function parse(credential: unknown, fields: string[]): Json {
  if (!isObject(credential)) throw new WebAuthnParseError('credential must be a JSON object');
  if (!isB64url(credential.id)) throw new WebAuthnParseError('Parse error for Registration: Missing ID');
  if (credential.rawId !== undefined && credential.rawId !== credential.id) throw new WebAuthnParseError('ID and RawID do not match');
  if (credential.type !== 'public-key') throw new WebAuthnParseError('Type not public-key');
  const response = credential.response;
  if (!isObject(response)) throw new WebAuthnParseError('Missing response');
  for (const field of fields) if (!isB64url(response[field])) throw new WebAuthnParseError(`Missing or malformed ${field}`);
  try {
    JSON.parse(new TextDecoder().decode(fromBase64(response.clientDataJSON as string)));
  } catch {
    throw new WebAuthnParseError('clientDataJSON is not JSON');
  }
  return credential;
}

export const parseCreation = (credential: unknown) => parse(credential, ['clientDataJSON', 'attestationObject']);
export const parseAssertion = (credential: unknown) => parse(credential, ['clientDataJSON', 'authenticatorData', 'signature']);

/** The user handle an assertion carries, as text (GoTrue's user ids), or '' when absent. */
export function assertionUserHandle(credential: Json): string {
  const handle = (credential.response as Json).userHandle;
  if (!isB64url(handle)) return '';
  return new TextDecoder().decode(fromBase64(handle));
}

/** A verified new credential, the fields GoTrue keeps of go-webauthn's Credential. */
export interface NewCredential {
  id: string;
  publicKey: Uint8Array;
  attestationType: string;
  transports: string[];
  aaguid: string;
  signCount: number;
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backedUp: boolean;
}

async function attempt<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new WebAuthnVerifyError((e as Error).message);
  }
}

/** go-webauthn's CreateCredential: a parsed creation response checked against its session. */
export async function verifyCreation(rp: RelyingParty, session: SessionData, credential: Json): Promise<NewCredential> {
  // loaded on first use: most runs never see a WebAuthn ceremony, and the in-page emulator stays small
  const { verifyRegistrationResponse } = await import('@simplewebauthn/server');
  return attempt(async () => {
    const result = await verifyRegistrationResponse({
      response: credential as never,
      expectedChallenge: session.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      // go-webauthn demands user verification only when the options required it
      requireUserVerification: session.userVerification === 'required',
      supportedAlgorithmIDs: (session.credParams ?? []).map((p) => p.alg),
    });
    if (!result.verified) throw new Error('registration did not verify');
    const info = result.registrationInfo;
    const transports = (credential.response as Json).transports;
    return {
      id: info.credential.id,
      publicKey: info.credential.publicKey,
      attestationType: info.fmt,
      transports: Array.isArray(transports) ? transports.filter((t): t is string => typeof t === 'string') : [],
      aaguid: info.aaguid,
      signCount: info.credential.counter,
      userPresent: true,
      userVerified: info.userVerified,
      backupEligible: info.credentialDeviceType === 'multiDevice',
      backedUp: info.credentialBackedUp,
    };
  });
}

export interface StoredCredential {
  id: string;
  publicKey: Uint8Array;
  transports: string[];
  backupEligible: boolean;
}

/**
 * go-webauthn's validateLogin for one credential the caller already matched by id: challenge,
 * origin, rp id, flags and signature. Returns the authenticator's new sign count and flags.
 */
export async function verifyAssertion(rp: RelyingParty, session: SessionData, credential: Json, stored: StoredCredential) {
  const { verifyAuthenticationResponse } = await import('@simplewebauthn/server');
  return attempt(async () => {
    const result = await verifyAuthenticationResponse({
      response: credential as never,
      expectedChallenge: session.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: session.userVerification === 'required',
      // as go-webauthn: a sign count that does not grow only raises a clone warning and never fails
      // the login, so the stored count is not handed to the library (which would refuse)
      credential: { id: stored.id, publicKey: new Uint8Array(stored.publicKey), counter: 0, transports: stored.transports as never },
    });
    if (!result.verified) throw new Error('assertion did not verify');
    const info = result.authenticationInfo;
    const backupEligible = info.credentialDeviceType === 'multiDevice';
    if (backupEligible !== stored.backupEligible) {
      throw new Error('Backup Eligible flag inconsistency detected during login validation');
    }
    return { signCount: info.newCounter, userVerified: info.userVerified, backupEligible, backedUp: info.credentialBackedUp };
  });
}
