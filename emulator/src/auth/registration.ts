import type { Sql } from '../db/storage.js';
import { unprocessable } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { audit } from './audit.js';
import { sendConfirmation } from './email-actions.js';
import { createFlowState } from './flow-state.js';
import { hashPassword } from './passwords.js';
import { sessionResponse, startSession } from './sessions.js';
import { sendPhoneOtp } from './sms-actions.js';
import type { UserRow } from './users.js';
import { insertIdentity } from '../db/identities.js';
import { findUserByEmail, findUserByPhone, insertUser, updateUser } from '../db/users.js';
import { goTime, sortKeys } from '../go/json.js';

/**
 * GoTrue's Signup after its parameter checks: create (or find the unconfirmed) user, then confirm
 * at once (autoconfirm, with a session) or send the confirmation mail / SMS. Also what /otp and
 * /magiclink run for an address they do not know yet, as GoTrue does.
 */
export interface Registration {
  provider: 'email' | 'phone';
  /** Validated and lowercased email, or validated phone digits. */
  address: string;
  password: string;
  data: Record<string, unknown>;
  request: RequestInfo;
  redirectTo: string;
  pkce?: { codeChallenge: string; codeChallengeMethod: string };
  channel?: string;
}

export type Registered =
  | { kind: 'session'; response: Awaited<ReturnType<typeof sessionResponse>> }
  | { kind: 'user'; user: UserRow }
  /** A confirmed address signed up again while confirmations are on: GoTrue's look-alike user. */
  | { kind: 'obfuscated'; user: Record<string, unknown> };

export async function register(s: Services, r: Registration): Promise<Registered> {
  if (s.config.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const aud = s.config.jwtAud;
  const existing =
    r.provider === 'email' ? await findUserByEmail(s.db, r.address, aud) : await findUserByPhone(s.db, r.address, aud);
  const confirmed = existing && (r.provider === 'email' ? existing.email_confirmed_at : existing.phone_confirmed_at);
  if (existing && confirmed) {
    await audit(s.db, s.random, s.clock.now(), {
      actor: existing, action: 'user_repeated_signup', traits: { provider: r.provider }, ip: r.request.ip,
    });
    // as GoTrue: with autoconfirm an explicit error; otherwise a fake user, so addresses cannot be enumerated
    if (s.config.mailerAutoconfirm || s.config.smsAutoconfirm) throw unprocessable('user_already_exists', 'User already registered');
    return { kind: 'obfuscated', user: obfuscatedUser(s, existing, r.provider, r.data) };
  }
  const autoconfirm = r.provider === 'email' ? s.config.mailerAutoconfirm : s.config.smsAutoconfirm;
  const encryptedPassword = existing ? null : await hashPassword(r.password, s.config.bcryptCost, s.random.bytes(16));

  return s.db.transaction(async (tx): Promise<Registered> => {
    const now = s.clock.now();
    let user = existing ?? (await createUser(tx, s, r, encryptedPassword, now).catch(lostRace));
    if (!autoconfirm) {
      await audit(tx, s.random, now, { actor: user, action: 'user_confirmation_requested', traits: { provider: r.provider }, ip: r.request.ip });
      if (r.provider === 'email') {
        if (r.pkce) {
          await createFlowState(tx, s, {
            userId: user.id, providerType: 'email', method: 'email/signup',
            codeChallenge: r.pkce.codeChallenge, codeChallengeMethod: r.pkce.codeChallengeMethod,
          });
        }
        user = await sendConfirmation(tx, s, user, { redirectTo: r.redirectTo, pkce: !!r.pkce });
      } else {
        user = (await sendPhoneOtp(tx, s, user, r.address, 'confirmation', r.channel)).user;
      }
      return { kind: 'user', user };
    }
    const traits: Record<string, unknown> = { provider: r.provider };
    if (r.provider === 'phone') traits.channel = r.channel ?? 'sms';
    await audit(tx, s.random, now, { actor: user, action: 'user_signedup', traits, ip: r.request.ip });
    user = await updateUser(
      tx,
      user.id,
      r.provider === 'email'
        ? { email_confirmed_at: now, confirmation_token: '', raw_user_meta_data: { ...(user.raw_user_meta_data ?? {}), email_verified: true } }
        : { phone_confirmed_at: now, confirmation_token: '' },
      now,
    );
    const session = await startSession(tx, s, { user, method: 'password', request: r.request, traits: { provider: r.provider } });
    const response = await sessionResponse(tx, s, session);
    // as GoTrue: confirmed_at is a generated column it does not reload here, so this response lacks it
    delete (response.user as { confirmed_at?: string }).confirmed_at;
    return { kind: 'session', response };
  });
}

async function createUser(tx: Sql, s: Services, r: Registration, encryptedPassword: string | null, now: Date) {
  const id = s.random.uuid();
  // as GoTrue: the identity carries sub/email/verified flags plus the signup data, and an
  // unconfirmed user's metadata is replaced by its identity's
  const identityData = sortKeys({
    ...r.data,
    sub: id,
    [r.provider]: r.address,
    email_verified: false,
    phone_verified: false,
  });
  const user = await insertUser(tx, {
    id,
    aud: s.config.jwtAud,
    role: s.config.jwtDefaultGroupName,
    email: r.provider === 'email' ? r.address : null,
    phone: r.provider === 'phone' ? r.address : null,
    encryptedPassword,
    appMetadata: { provider: r.provider, providers: [r.provider] },
    userMetadata: identityData,
    emailConfirmedAt: null,
    phoneConfirmedAt: null,
    isAnonymous: false,
    now,
  });
  await insertIdentity(tx, { id: s.random.uuid(), userId: id, provider: r.provider, providerId: id, data: identityData, now });
  return user;
}

/** As GoTrue's sanitizeUser: what a repeated signup sees when confirmations are on. */
function obfuscatedUser(s: Services, existing: UserRow, provider: 'email' | 'phone', data: Record<string, unknown>) {
  const now = goTime(s.clock.now());
  return {
    id: s.random.uuid(),
    aud: existing.aud,
    role: '',
    email: provider === 'email' ? (existing.email ?? '') : '',
    phone: provider === 'phone' ? (existing.phone ?? '') : '',
    confirmation_sent_at: now,
    app_metadata: { provider, providers: [provider] },
    user_metadata: sortKeys(data),
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/** A password nobody knows, for users created by magic link or SMS code (GoTrue does the same). */
export function randomPassword(s: Services): string {
  return Array.from(s.random.bytes(32), (b) => b.toString(16).padStart(2, '0')).join('').slice(0, 64);
}

/**
 * Two sign-ups for one new address: the loser's insert hits the users' unique index after both
 * found no user. It gets the answer a later sign-up would, not a constraint violation.
 */
function lostRace(e: unknown): never {
  if ((e as { code?: unknown }).code === '23505') throw unprocessable('user_already_exists', 'User already registered');
  throw e;
}
