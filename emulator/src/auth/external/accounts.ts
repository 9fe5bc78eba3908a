import type { Sql } from '../../db/storage.js';
import { AuthError, badRequest, forbidden, unexpectedFailure, unprocessable } from '../../errors.js';
import type { RequestInfo, Services } from '../../services.js';
import { audit } from '../audit.js';
import { sendConfirmation } from '../email-actions.js';
import { deleteOneTimeTokens } from '../../db/one-time-tokens.js';
import { identityData, type ProviderEmail, type UserProvidedData } from './user-data.js';
import { isBanned, mergeMetadata, type IdentityRow, type UserRow } from '../users.js';
import {
  audiencesOfIdentityEmail,
  deleteOtherIdentities,
  findIdentity,
  identitiesOf,
  identitiesWithEmails,
  insertIdentity,
  recordIdentitySignIn,
} from '../../db/identities.js';
import { findUserByEmail, findUserById, insertUser, updateUser, usersWithEmails } from '../../db/users.js';
import { refreshProviders } from '../verification.js';

/**
 * Who an OAuth identity belongs to: GoTrue's createAccountFromExternalIdentity with the account
 * linking decision of models/linking.go, and linkIdentityToUser for manual linking. Run inside
 * the caller's transaction.
 *
 * Some refusals keep what was written (GoTrue's storage.NewCommitWithError: the new user and the
 * confirmation mail stay): they come back as `commitError` instead of being thrown.
 */
export type ExternalOutcome = { user: UserRow; created: boolean; commitError?: AuthError };

const DUPLICATE_EMAIL = 'A user with this email address has already been registered';

type Decision =
  | { kind: 'exists'; user: UserRow; identity: IdentityRow; candidate: ProviderEmail }
  | { kind: 'link'; user: UserRow; candidate: ProviderEmail }
  | { kind: 'create'; candidate: ProviderEmail }
  | { kind: 'multiple' };

/** SSO providers link only among themselves; everything else shares the "default" domain. */
const linkingDomain = (provider: string) => (provider.startsWith('sso:') ? provider : 'default');

async function decideLinking(tx: Sql, s: Services, data: UserProvidedData, provider: string, aud: string): Promise<Decision> {
  const verified = data.emails.filter((e) => e.verified || s.config.mailerAutoconfirm).map((e) => e.email.toLowerCase());
  const primary = data.emails.find((e) => e.primary);
  const candidate: ProviderEmail = primary ? { ...primary, email: primary.email.toLowerCase() } : { email: '', verified: false, primary: false };

  const known = await findIdentity(tx, provider, data.metadata.sub);
  if (known) {
    const user = (await findUserById(tx, known.user_id))!;
    return { kind: 'exists', user, identity: known, candidate: { ...candidate, email: user.email ?? '' } };
  }
  if (verified.length === 0) {
    // an unverified address already in use is not taken over: the new user gets none
    if (candidate.email && (await isDuplicatedEmail(tx, candidate.email, aud))) candidate.email = '';
    return { kind: 'create', candidate };
  }
  const similarIdentities = (await identitiesWithEmails(tx, verified))
    .filter((i) => linkingDomain(i.provider) === linkingDomain(provider));
  // as GoTrue: users by verified email, any audience, SSO users excluded
  const similarUsers = linkingDomain(provider) === 'default'
    ? await usersWithEmails(tx, verified)
    : [];
  if (similarIdentities.length === 0) {
    if (similarUsers.length === 1) return { kind: 'link', user: similarUsers[0]!, candidate };
    return similarUsers.length > 1 ? { kind: 'multiple' } : { kind: 'create', candidate };
  }
  const owner = similarIdentities[0]!.user_id;
  if (similarIdentities.some((i) => i.user_id !== owner)) return { kind: 'multiple' };
  return { kind: 'link', user: (await findUserById(tx, owner))!, candidate };
}

/** As GoTrue's IsDuplicatedEmail: an identity or a user of this audience already has the address. */
async function isDuplicatedEmail(tx: Sql, email: string, aud: string): Promise<boolean> {
  if ((await audiencesOfIdentityEmail(tx, email.toLowerCase())).includes(aud)) return true;
  return !!(await findUserByEmail(tx, email, aud));
}

async function newIdentity(tx: Sql, s: Services, user: UserRow, provider: string, data: Record<string, unknown>) {
  return insertIdentity(tx, { id: s.random.uuid(), userId: user.id, provider, providerId: String(data.sub), data, now: s.clock.now() });
}

/** GoTrue's User.Confirm: confirmed now, email_verified in the metadata, pending tokens void. */
async function confirm(tx: Sql, s: Services, user: UserRow): Promise<UserRow> {
  const now = s.clock.now();
  await deleteOneTimeTokens(tx, user.id);
  return updateUser(tx, user.id, {
    confirmation_token: '', email_confirmed_at: now,
    raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, { email_verified: true }),
  }, now);
}

/**
 * GoTrue's RemoveUnconfirmedIdentities: an unconfirmed account gained an OAuth identity, so every
 * other way in (password, other identities), possibly planted by someone else, goes.
 */
async function removeUnconfirmedIdentities(tx: Sql, s: Services, user: UserRow, keep: IdentityRow): Promise<UserRow> {
  const now = s.clock.now();
  const changes: Partial<UserRow> = { raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, keep.identity_data) };
  if (keep.provider !== 'email' && keep.provider !== 'phone') changes.encrypted_password = null;
  const updated = await updateUser(tx, user.id, changes, now);
  await deleteOtherIdentities(tx, user.id, keep.id);
  return refreshProviders(tx, s, updated);
}

export async function signInWithExternalIdentity(
  tx: Sql,
  s: Services,
  o: { data: UserProvidedData; provider: string; emailOptional: boolean; request: RequestInfo },
): Promise<ExternalOutcome> {
  const { provider } = o;
  const aud = s.config.jwtAud;
  const metadata = identityData(o.data);
  const decision = await decideLinking(tx, s, o.data, provider, aud);
  const now = s.clock.now();
  let user: UserRow;
  let identity: IdentityRow;
  let candidate: ProviderEmail;
  switch (decision.kind) {
    case 'link': {
      candidate = decision.candidate;
      identity = await newIdentity(tx, s, decision.user, provider, metadata);
      const merged = await updateUser(tx, decision.user.id, { raw_user_meta_data: mergeMetadata(decision.user.raw_user_meta_data, metadata) }, now);
      user = await refreshProviders(tx, s, merged);
      break;
    }
    case 'create': {
      if (s.config.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
      candidate = decision.candidate;
      user = await insertUser(tx, {
        id: s.random.uuid(), aud, role: s.config.jwtDefaultGroupName, email: candidate.email || null, phone: null,
        encryptedPassword: null, appMetadata: { provider, providers: [provider] }, userMetadata: metadata,
        emailConfirmedAt: null, phoneConfirmedAt: null, isAnonymous: false, now,
      });
      identity = await newIdentity(tx, s, user, provider, metadata);
      break;
    }
    case 'exists': {
      candidate = decision.candidate;
      identity = await recordIdentitySignIn(tx, decision.identity.id, metadata, now);
      const merged = await updateUser(tx, decision.user.id, { raw_user_meta_data: mergeMetadata(decision.user.raw_user_meta_data, metadata) }, now);
      user = await refreshProviders(tx, s, merged);
      break;
    }
    case 'multiple':
      throw unexpectedFailure('Multiple accounts with the same email address in the same linking domain detected: default');
  }
  if (isBanned(user, now)) throw forbidden('user_banned', 'User is banned');

  const hasEmails = !(o.emailOptional && candidate.email === '');
  if (hasEmails && !user.email_confirmed_at) {
    user = await removeUnconfirmedIdentities(tx, s, user, identity);
    if (candidate.verified || s.config.mailerAutoconfirm) {
      await audit(tx, s.random, now, { actor: user, action: 'user_signedup', traits: { provider }, ip: o.request.ip });
      user = await confirm(tx, s, user);
    } else {
      let sent = false;
      if (candidate.email !== '') {
        user = await sendConfirmation(tx, s, user, { redirectTo: s.config.siteUrl });
        sent = true;
      }
      if (!s.config.mailerAllowUnverifiedEmailSignIns) {
        const message = sent
          ? `Unverified email with ${provider}. A confirmation email has been sent to your ${provider} email`
          : `Unverified email with ${provider}. Verify the email with ${provider} in order to sign in`;
        return { user, created: decision.kind === 'create', commitError: unprocessable('provider_email_needs_verification', message) };
      }
    }
  } else {
    await audit(tx, s.random, now, { actor: user, action: 'login', traits: { provider }, ip: o.request.ip });
  }
  return { user, created: decision.kind === 'create' };
}

/** Manual linking (GoTrue's linkIdentityToUser): the identity joins the signed-in user. */
export async function linkIdentityToUser(
  tx: Sql,
  s: Services,
  o: { target: UserRow; data: UserProvidedData; provider: string },
): Promise<ExternalOutcome> {
  const { provider } = o;
  const existing = await findIdentity(tx, provider, o.data.metadata.sub);
  if (existing) {
    throw unprocessable('identity_already_exists', existing.user_id === o.target.id ? 'Identity is already linked' : 'Identity is already linked to another user');
  }
  const metadata = identityData(o.data);
  await newIdentity(tx, s, o.target, provider, metadata);
  let user = o.target;
  if (!user.email) {
    const email = typeof metadata.email === 'string' ? metadata.email : '';
    if (email && (await findUserByEmail(tx, email, user.aud))) throw badRequest('email_exists', DUPLICATE_EMAIL);
    user = await updateUser(tx, user.id, { email: email || null }, s.clock.now());
    if (metadata.email_verified !== true) {
      user = await sendConfirmation(tx, s, user, { redirectTo: s.config.siteUrl });
      return {
        user, created: false,
        commitError: unprocessable('email_not_confirmed', `Unverified email with ${provider}. A confirmation email has been sent to your ${provider} email`),
      };
    }
    user = await confirm(tx, s, user);
    if (user.is_anonymous) user = await updateUser(tx, user.id, { is_anonymous: false }, s.clock.now());
  }
  return { user: await refreshProviders(tx, s, user), created: false };
}

/**
 * As GoTrue's UpdateUserEmailFromIdentities after an unlink: keep the email if an identity still
 * has it, else take the first identity email no other user holds; none -> email conflict.
 */
export async function updateEmailFromIdentities(tx: Sql, s: Services, user: UserRow): Promise<UserRow> {
  const identities = await identitiesOf(tx, user.id);
  const current = user.email ?? '';
  if (identities.some((i) => (i.email ?? '') === current)) return user;
  for (const i of identities) {
    const email = i.email ?? '';
    if (email && (await findUserByEmail(tx, email, user.aud))) continue;
    const changes: Partial<UserRow> = { email: email || null };
    if (!email) changes.email_confirmed_at = null;
    return updateUser(tx, user.id, changes, s.clock.now());
  }
  throw unprocessable('email_conflict_identity_not_deletable', 'Unable to unlink identity due to email conflict');
}
