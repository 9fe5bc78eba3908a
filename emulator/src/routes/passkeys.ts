import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { factorsOf } from '../db/mfa-factors.js';
import {
  consumeWebAuthnChallenge,
  findPasskeyByCredentialId,
  insertPasskey,
  insertWebAuthnChallenge,
  passkeyFriendlyName,
  passkeyJson,
} from '../auth/webauthn/passkeys.js';
import {
  countPasskeys,
  deletePasskey,
  findPasskey,
  passkeysOf,
  recordPasskeyUse,
  renamePasskey,
  type ChallengeType,
} from '../db/passkeys.js';
import { startSession, sessionResponse } from '../auth/sessions.js';
import type { SessionRow } from '../db/sessions.js';
import { isBanned, type UserRow } from '../auth/users.js';
import { findUserById } from '../db/users.js';
import { base64url, CHALLENGE_BYTES, creationOptions, relyingParty, relyingPartyProblem, requestOptions } from '../auth/webauthn/relying-party.js';
import {
  assertionUserHandle,
  parseAssertion,
  parseCreation,
  verifyAssertion,
  verifyCreation,
  WebAuthnParseError,
} from '../auth/webauthn/verify.js';
import { currentUser, isUuid } from '../http/auth.js';
import type { AppEnv, Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest, forbidden, notFound, unexpectedFailure, unprocessable } from '../errors.js';
import { str } from './params.js';

/**
 * GoTrue's /passkeys endpoints (passkey_registration.go, passkey_authentication.go,
 * passkey_manage.go): register a passkey to the signed-in user, sign in with one (discoverable
 * credentials, no email typed), and list, rename or delete them.
 */


/** As GoTrue's requirePasskeyEnabled: every /passkeys route is 404 while [auth.passkey] is off. */
export const requirePasskeyEnabled: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.services.config.passkeyEnabled) throw notFound('passkey_disabled', 'Passkeys are disabled');
  await next();
};

/**
 * As GoTrue's requirePasskeyManagementAAL: a user with a verified MFA factor manages passkeys only
 * from an aal2 session (a user without one can never reach aal2, so is not asked to).
 */
async function requireManagementAal(c: Ctx, user: UserRow, session: SessionRow | undefined) {
  const factors = await factorsOf(c.var.services.db, user.id);
  if (factors.some((f) => f.status === 'verified') && session?.aal !== 'aal2') {
    throw forbidden('insufficient_aal', 'AAL2 session is required to manage passkeys when MFA is enabled');
  }
}

/** GoTrue's 500s when go-webauthn cannot start with the configured relying party. */
function checkRelyingParty(c: Ctx, ceremony: 'registration' | 'login', beginMessage: string) {
  const rp = relyingParty(c.var.services.config);
  if (rp.origins.length === 0) throw unexpectedFailure('Failed to initialize WebAuthn');
  if (relyingPartyProblem(rp, ceremony)) throw unexpectedFailure(beginMessage);
  return rp;
}

const toUnix = (d: Date) => Math.floor(d.getTime() / 1000);

/** POST /passkeys/registration/options — creation options for a new passkey of the caller. */
export async function passkeyRegistrationOptions(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  if (user.is_sso_user) throw unprocessable('validation_failed', 'SSO users cannot register passkeys');
  await requireManagementAal(c, user, c.var.caller.session);
  const existing = await passkeysOf(s.db, user.id);
  if (existing.length >= s.config.passkeyMaxPasskeysPerUser) throw unprocessable('too_many_passkeys', 'Maximum number of passkeys reached');
  const rp = checkRelyingParty(c, 'registration', 'Failed to generate WebAuthn registration options');
  const name = user.email || user.phone || '';
  const metaName = user.raw_user_meta_data?.name;
  const { options, session } = creationOptions({
    rp,
    user: { id: user.id, name, displayName: typeof metaName === 'string' && metaName !== '' ? metaName : name },
    challenge: s.random.bytes(CHALLENGE_BYTES),
    // GoTrue lists the passkeys the user has so the authenticator will not make a second one
    exclude: existing.map((p) => ({ type: 'public-key', id: base64url(p.credential_id) })),
    // discoverable credentials are what make a sign-in without a typed email possible
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    attestation: 'none',
  });
  const challenge = await insertWebAuthnChallenge(s.db, s, { userId: user.id, type: 'registration', session });
  return c.json({ challenge_id: challenge.id, options, expires_at: toUnix(challenge.expires_at) });
}

const VerifyBody = z.object({ challenge_id: str(), credential: z.unknown().optional() });

/** The checks both verify calls make, in GoTrue's order, up to a consumed, unexpired challenge. */
async function consumeChallenge(c: Ctx, type: ChallengeType, userId: string | null) {
  const s = c.var.services;
  const body = await readBody(c, VerifyBody);
  if (body.challenge_id === '') throw badRequest('validation_failed', 'challenge_id is required');
  if (body.credential === undefined) throw badRequest('validation_failed', 'credential is required');
  if (!isUuid(body.challenge_id)) throw badRequest('validation_failed', 'challenge_id must be a valid UUID');
  // consumed before anything else can fail: a challenge is good for one attempt only
  const challenge = await consumeWebAuthnChallenge(s.db, body.challenge_id.toLowerCase(), type, userId);
  if (!challenge) throw badRequest('webauthn_challenge_not_found', 'Challenge not found or already used');
  if (s.clock.now() > challenge.expires_at) throw badRequest('webauthn_challenge_expired', 'Challenge has expired');
  return { challenge, credential: body.credential };
}

function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof WebAuthnParseError) throw badRequest('webauthn_verification_failed', 'Invalid credential response');
    throw e;
  }
}

const verificationFailed = () => badRequest('webauthn_verification_failed', 'Credential verification failed');

/** POST /passkeys/registration/verify — checks the new credential and keeps it as a passkey. */
export async function passkeyRegistrationVerify(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  if (user.is_sso_user) throw unprocessable('validation_failed', 'SSO users cannot register passkeys');
  await requireManagementAal(c, user, c.var.caller.session);
  const { challenge, credential } = await consumeChallenge(c, 'registration', user.id);
  const response = parsed(() => parseCreation(credential));
  const rp = relyingParty(s.config);
  if (rp.origins.length === 0) throw unexpectedFailure('Failed to initialize WebAuthn');
  const created = await verifyCreation(rp, challenge.session_data, response).catch(() => {
    throw verificationFailed();
  });
  const passkey = await s.db.transaction(async (tx) => {
    if ((await countPasskeys(tx, user.id)) >= s.config.passkeyMaxPasskeysPerUser) {
      throw unprocessable('too_many_passkeys', 'Maximum number of passkeys reached');
    }
    if (await findPasskeyByCredentialId(tx, created.id)) {
      throw unprocessable('webauthn_credential_exists', 'This credential is already registered');
    }
    const row = await insertPasskey(tx, s, user.id, created, passkeyFriendlyName(created.aaguid));
    await audit(tx, s.random, s.clock.now(), { actor: user, action: 'passkey_created', ip: requestInfo(c).ip, traits: { passkey_id: row.id } });
    return row;
  });
  const { id, friendly_name, created_at } = passkeyJson(passkey);
  return c.json({ id, friendly_name, created_at });
}

/** POST /passkeys/authentication/options — request options for a discoverable sign-in. */
export async function passkeyAuthenticationOptions(c: Ctx) {
  const s = c.var.services;
  const rp = checkRelyingParty(c, 'login', 'Failed to generate WebAuthn authentication options');
  // no user yet and no allowCredentials: the authenticator offers whichever passkeys it holds for the rp
  const { options, session } = requestOptions({ rp, challenge: s.random.bytes(CHALLENGE_BYTES), allow: [], userVerification: 'preferred' });
  const challenge = await insertWebAuthnChallenge(s.db, s, { userId: null, type: 'authentication', session });
  return c.json({ challenge_id: challenge.id, options, expires_at: toUnix(challenge.expires_at) });
}

/**
 * POST /passkeys/authentication/verify — the assertion names its user by the user handle; when it
 * verifies against one of that user's passkeys, a new session starts (amr "passkey", aal1).
 */
export async function passkeyAuthenticationVerify(c: Ctx) {
  const s = c.var.services;
  const { challenge, credential } = await consumeChallenge(c, 'authentication', null);
  const response = parsed(() => parseAssertion(credential));
  const rp = relyingParty(s.config);
  if (rp.origins.length === 0) throw unexpectedFailure('Failed to initialize WebAuthn');
  // as go-webauthn's discoverable login: user handle -> user -> one of their passkeys -> signature
  const handle = assertionUserHandle(response);
  const found = isUuid(handle) ? await findUserById(s.db, handle.toLowerCase()) : undefined;
  const passkey = found && (await findPasskeyByCredentialId(s.db, response.id as string));
  if (!found || !passkey || passkey.user_id !== found.id) throw verificationFailed();
  const stored = { id: base64url(passkey.credential_id), publicKey: passkey.public_key, transports: passkey.transports, backupEligible: passkey.backup_eligible };
  const result = await verifyAssertion(rp, challenge.session_data, response, stored).catch(() => {
    throw verificationFailed();
  });
  const user = found;
  if (user.email && !user.email_confirmed_at) throw forbidden('email_not_confirmed', 'Email not confirmed');
  if (user.phone && !user.phone_confirmed_at) throw forbidden('phone_not_confirmed', 'Phone not confirmed');
  if (isBanned(user, s.clock.now())) throw forbidden('user_banned', 'User is banned');

  return s.db.transaction(async (tx) => {
    const now = s.clock.now();
    await recordPasskeyUse(tx, passkey.id, result.signCount, now);
    const session = await startSession(tx, s, { user, method: 'passkey', request: requestInfo(c), traits: { passkey_id: passkey.id } });
    return c.json(await sessionResponse(tx, s, session));
  });
}

/** GET /passkeys — the caller's passkeys, oldest first. */
export async function passkeyList(c: Ctx) {
  return c.json((await passkeysOf(c.var.services.db, currentUser(c).id)).map(passkeyJson));
}

/** As GoTrue: a passkey id that is no UUID is as unknown as one that names nothing. */
async function ownPasskey(c: Ctx, userId: string) {
  const id = c.req.param('passkey_id') ?? '';
  const passkey = isUuid(id) ? await findPasskey(c.var.services.db, userId, id.toLowerCase()) : undefined;
  if (!passkey) throw notFound('validation_failed', 'Passkey not found');
  return passkey;
}

const UpdateBody = z.object({ friendly_name: str() });

/** PATCH /passkeys/{id} — renames a passkey (no aal2 needed, unlike delete). */
export async function passkeyUpdate(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  const id = c.req.param('passkey_id') ?? '';
  if (!isUuid(id)) throw notFound('validation_failed', 'Passkey not found');
  const body = await readBody(c, UpdateBody);
  if (body.friendly_name === '') throw badRequest('validation_failed', 'friendly_name is required');
  // Go's len counts bytes
  if (new TextEncoder().encode(body.friendly_name).length > 120) {
    throw badRequest('validation_failed', 'friendly_name must be 120 characters or less');
  }
  const passkey = await ownPasskey(c, user.id);
  const updated = await s.db.transaction(async (tx) => {
    const row = await renamePasskey(tx, passkey.id, body.friendly_name, s.clock.now());
    await audit(tx, s.random, s.clock.now(), { actor: user, action: 'passkey_updated', ip: requestInfo(c).ip, traits: { passkey_id: passkey.id } });
    return row;
  });
  return c.json(passkeyJson(updated));
}

/** DELETE /passkeys/{id} — 204; from an aal2 session when the user has MFA. */
export async function passkeyDelete(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  await requireManagementAal(c, user, c.var.caller.session);
  const passkey = await ownPasskey(c, user.id);
  await s.db.transaction(async (tx) => {
    await deletePasskey(tx, passkey.id);
    await audit(tx, s.random, s.clock.now(), { actor: user, action: 'passkey_deleted', ip: requestInfo(c).ip, traits: { passkey_id: passkey.id } });
  });
  return c.body(null, 204);
}
