import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { checkChallenge, completeVerification, insertChallenge, insertFactor, validateNewFactor, challengeExpiresAt } from '../auth/mfa/factors.js';
import { deleteChallenge, findChallenge, type FactorRow } from '../db/mfa-factors.js';
import {
  allowDescriptors,
  challengeSession,
  excludeDescriptors,
  goCredential,
  loggedInCredential,
  recordWebAuthnVerify,
  type GoCredential,
  saveChallengeSession,
  userWebAuthnCredentials,
} from '../auth/mfa/webauthn.js';
import type { SessionRow } from '../db/sessions.js';
import { base64, CHALLENGE_BYTES, creationOptions, fromBase64, relyingParty, relyingPartyProblem, requestOptions, type SessionData } from '../auth/webauthn/relying-party.js';
import {
  assertionUserHandle,
  parseAssertion,
  parseCreation,
  verifyAssertion,
  verifyCreation,
  WebAuthnParseError,
} from '../auth/webauthn/verify.js';
import { currentUser } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest, UNEXPECTED_FAILURE_MESSAGE, unexpectedFailure } from '../errors.js';
import { str } from './params.js';

/**
 * WebAuthn MFA factors (api/mfa.go: enrollWebAuthnFactor, challengeWebAuthnFactor,
 * verifyWebAuthnFactor). The first challenge of a factor is a registration ("create"), every later
 * one a login ("request"); a verified ceremony lifts the session to aal2 with amr mfa/webauthn.
 */


/** POST /factors with factor_type webauthn: an unverified factor, no credential yet. */
export async function enrollWebAuthn(c: Ctx, session: SessionRow, friendlyName: string) {
  const s = c.var.services;
  const user = currentUser(c);
  await validateNewFactor(s.db, s, user, friendlyName, session);
  const factor = await s.db.transaction(async (tx) => {
    const factor = await insertFactor(tx, s, { user, type: 'webauthn', friendlyName });
    await audit(tx, s.random, s.clock.now(), {
      actor: user, action: 'factor_in_progress', ip: requestInfo(c).ip, traits: { factor_id: factor.id, factor_type: 'webauthn' },
    });
    return factor;
  });
  return c.json({ id: factor.id, type: 'webauthn', friendly_name: factor.friendly_name ?? '' });
}

const WebAuthnParams = z.object({ type: str(), credential_response: z.unknown().optional() }).nullish();
// supabase-js also sends rpId and rpOrigins; as GoTrue (since the rp moved to its config) they are ignored
const ChallengeBody = z.object({ channel: str(), webauthn: WebAuthnParams });

/** POST /factors/{id}/challenge for a WebAuthn factor: creation or request options from the configured rp. */
export async function challengeWebAuthn(c: Ctx, factor: FactorRow, ip: string) {
  const s = c.var.services;
  const user = currentUser(c);
  await readBody(c, ChallengeBody);
  const rp = relyingParty(s.config);
  const credentials = await userWebAuthnCredentials(s.db, user.id);
  const challengeBytes = s.random.bytes(CHALLENGE_BYTES);
  let type: 'create' | 'request';
  let ceremony;
  if (factor.status === 'unverified') {
    if (rp.origins.length === 0) throw unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE);
    if (relyingPartyProblem(rp, 'registration')) throw unexpectedFailure('Failed to generate WebAuthn registration data');
    type = 'create';
    // GoTrue's User.WebAuthnName/DisplayName: the email, "" for a phone user (supabase-js then names it)
    const email = user.email ?? '';
    const built = creationOptions({
      rp, user: { id: user.id, name: email, displayName: email }, challenge: challengeBytes,
      exclude: excludeDescriptors(credentials), authenticatorSelection: {},
    });
    ceremony = { options: { publicKey: built.options }, session: built.session };
  } else {
    // go-webauthn's BeginLogin refuses a user without credentials; GoTrue passes that on as a 500
    if (relyingPartyProblem(rp, 'login') || credentials.length === 0) throw unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE);
    type = 'request';
    const built = requestOptions({ rp, challenge: challengeBytes, userId: user.id, allow: allowDescriptors(credentials) });
    ceremony = { options: { publicKey: built.options }, session: built.session };
  }
  // as GoTrue: no audit entry for WebAuthn challenges, unlike TOTP and phone ones
  const challenge = await s.db.transaction(async (tx) => {
    const challenge = await insertChallenge(tx, s, { factor, id: s.random.uuid(), ip });
    await saveChallengeSession(tx, challenge.id, ceremony.session);
    return challenge;
  });
  return c.json({
    id: challenge.id,
    type: 'webauthn',
    expires_at: Math.floor(challengeExpiresAt(s, challenge).getTime() / 1000),
    webauthn: { type, credential_options: ceremony.options },
  });
}

const VerifyParams = z.object({ webauthn: WebAuthnParams });

/** POST /factors/{id}/verify for a WebAuthn factor: the browser's credential instead of a code. */
export async function verifyWebAuthn(c: Ctx, factor: FactorRow, challengeId: string, ip: string) {
  const s = c.var.services;
  const user = currentUser(c);
  const { webauthn } = await readBody(c, VerifyParams);
  if (!webauthn) throw badRequest('validation_failed', 'WebAuthn config required');
  if (webauthn.type !== 'create' && webauthn.type !== 'request') throw badRequest('validation_failed', 'WebAuthn type must be create or request');
  if (webauthn.credential_response === undefined || webauthn.credential_response === null) {
    throw badRequest('validation_failed', 'credential_response required');
  }
  const rp = relyingParty(s.config);
  if (rp.origins.length === 0) throw unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE);

  const challenge = await checkChallenge(s, factor, await findChallenge(s.db, factor.id, challengeId), ip);
  const session = await challengeSession(s.db, challenge.id);
  if (!session) throw unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE);
  const type = webauthn.type;

  let credential: GoCredential;
  // a verified factor's challenge carries no creation options, so GoTrue's registration fails there
  // with a 500; said outright here rather than left to the library's defaults
  if (type === 'create' && factor.status === 'verified') throw unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE);
  if (type === 'create') {
    const response = parsed(() => parseCreation(webauthn.credential_response));
    // GoTrue hands go-webauthn's error straight to its error handler, hence a bare 500
    credential = goCredential(
      await verifyCreation(rp, session, response).catch(() => {
        throw unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE);
      }),
    );
  } else {
    const response = parsed(() => parseAssertion(webauthn.credential_response));
    credential = await validateMfaLogin(c, user.id, session, response);
  }

  // as GoTrue: the challenge is spent once the ceremony checks out, before the session changes
  await deleteChallenge(s.db, challenge.id);
  const callerSession = c.var.caller.session;
  if (!callerSession) throw unexpectedFailure('Cannot read SessionId claim as UUID');
  const result = await s.db.transaction(async (tx) => {
    await recordWebAuthnVerify(tx, s, {
      factor, challenge, session, type, response: webauthn.credential_response, ...(factor.status === 'unverified' ? { credential } : {}),
    });
    return completeVerification(tx, s, { user, session: callerSession, factor, challenge, request: requestInfo(c) });
  });
  return c.json(result);
}

function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof WebAuthnParseError) throw badRequest('validation_failed', 'Invalid credential_response');
    throw e;
  }
}

/**
 * go-webauthn's ValidateLogin against every verified WebAuthn credential of the user: allowed by
 * the challenge, owned by the user (user handle, when sent), and signed over the challenge. Returns
 * the matched credential as ValidateLogin does (count and flags updated), which GoTrue saves onto an
 * unverified factor verified this way; the factor that holds it keeps its record unchanged.
 */
async function validateMfaLogin(c: Ctx, userId: string, session: SessionData, response: Record<string, unknown>) {
  const s = c.var.services;
  const failed = () => unexpectedFailure('Failed to validate WebAuthn MFA response');
  const credentials = await userWebAuthnCredentials(s.db, userId);
  const id = String(response.id);
  const stored = credentials.find((cred) => cred.id === id.replace(/=+$/, ''));
  if (!stored) throw failed();
  const allowed = session.allowed_credentials ?? [];
  if (allowed.length && !allowed.includes(base64(fromBase64(stored.id)))) throw failed();
  const handle = assertionUserHandle(response);
  if (handle !== '' && handle !== userId) throw failed();
  const result = await verifyAssertion(relyingParty(s.config), session, response, stored).catch(() => {
    throw failed();
  });
  return loggedInCredential(stored.record, result);
}
