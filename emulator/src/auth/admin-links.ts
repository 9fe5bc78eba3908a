import type { Sql } from '../db/storage.js';
import { actionLink, type MailType } from './mail-links.js';
import type { Services } from '../services.js';
import { audit } from './audit.js';
import { newToken, saveToken, tokenHash } from './one-time-tokens.js';
import { mergeMetadata, type IdentityRow, type UserRow } from './users.js';
import { insertIdentity } from '../db/identities.js';
import { insertUser, updateUser } from '../db/users.js';
import { sortKeys } from '../go/json.js';

/**
 * The writes behind GoTrue's /invite and /admin/generate_link (invite.go, mail.go): users created by
 * an admin for an email address, and the one-time tokens of links handed back instead of mailed.
 */

/**
 * As GoTrue's SignupParams.ToUserModel + signupNewUser + createNewIdentity for provider "email":
 * user_metadata is exactly the given data (not merged with the identity, unlike /signup), and the
 * identity holds sub, email and both verified flags.
 */
export async function insertEmailUser(
  tx: Sql,
  s: Services,
  u: { email: string; aud: string; data: Record<string, unknown> | undefined; encryptedPassword: string },
): Promise<{ user: UserRow; identity: IdentityRow }> {
  const now = s.clock.now();
  const id = s.random.uuid();
  const user = await insertUser(tx, {
    id, aud: u.aud, role: s.config.jwtDefaultGroupName, email: u.email, phone: null, encryptedPassword: u.encryptedPassword,
    appMetadata: { provider: 'email', providers: ['email'] }, userMetadata: u.data ?? {},
    emailConfirmedAt: null, phoneConfirmedAt: null, isAnonymous: false, now,
  });
  const data = sortKeys({ sub: id, email: u.email, email_verified: false, phone_verified: false });
  const identity = await insertIdentity(tx, { id: s.random.uuid(), userId: id, provider: 'email', providerId: id, data, now });
  return { user, identity };
}

export type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change_current' | 'email_change_new';

/** The mail each link type belongs to, which decides its /verify path and type. */
const MAIL_OF: Record<LinkType, MailType> = {
  signup: 'confirmation',
  invite: 'invite',
  magiclink: 'magic_link',
  recovery: 'recovery',
  email_change_current: 'email_change',
  email_change_new: 'email_change',
};

export interface IssuedLink {
  user: UserRow;
  otp: string;
  /** What GoTrue returns as hashed_token: the hash of the code with the address the link was asked for. */
  hashedToken: string;
  actionLink: string;
}

/**
 * Stores a fresh code on an existing (or just created) user as GoTrue's adminGenerateLink does for
 * each type, and builds the /verify link for it. Never PKCE, never mailed, no frequency limit.
 * `actor` is the admin, named by the user_invited entry; recovery and magic links are audited as
 * requested by the user.
 */
export async function issueLink(
  tx: Sql,
  s: Services,
  l: { type: LinkType; email: string; newEmail: string; user: UserRow; actor: UserRow; redirectTo: string },
): Promise<IssuedLink> {
  const now = s.clock.now();
  const { otp, hash } = await newToken(s, l.email, s.config.mailerOtpLength);
  let user = l.user;
  let linkToken: string;
  switch (l.type) {
    case 'magiclink':
    case 'recovery':
      await audit(tx, s.random, now, { actor: user, action: 'user_recovery_requested' });
      user = await updateUser(tx, user.id, { recovery_token: hash, recovery_sent_at: now }, now);
      await saveToken(tx, s, { user, type: 'recovery_token', hash, relatesTo: user.email ?? '', now });
      linkToken = hash;
      break;
    case 'invite':
      await audit(tx, s.random, now, {
        actor: l.actor, action: 'user_invited', traits: { user_email: user.email ?? '', user_id: user.id },
      });
      user = await updateUser(tx, user.id, { confirmation_token: hash, confirmation_sent_at: now, invited_at: now }, now);
      await saveToken(tx, s, { user, type: 'confirmation_token', hash, relatesTo: user.email ?? '', now });
      linkToken = hash;
      break;
    case 'signup':
      user = await updateUser(tx, user.id, { confirmation_token: hash, confirmation_sent_at: now }, now);
      await saveToken(tx, s, { user, type: 'confirmation_token', hash, relatesTo: user.email ?? '', now });
      linkToken = hash;
      break;
    case 'email_change_current':
    case 'email_change_new': {
      // as GoTrue: only the asked-for side gets a new code; the other side's pending code stays
      const changes: Partial<UserRow> = { email_change: l.newEmail, email_change_sent_at: now, email_change_confirm_status: 0 };
      if (l.type === 'email_change_current') changes.email_change_token_current = hash;
      else changes.email_change_token_new = await tokenHash(l.newEmail, otp);
      user = await updateUser(tx, user.id, changes, now);
      if (user.email_change_token_current) {
        await saveToken(tx, s, { user, type: 'email_change_token_current', hash: user.email_change_token_current, relatesTo: user.email ?? '', now });
      }
      if (user.email_change_token_new) {
        await saveToken(tx, s, { user, type: 'email_change_token_new', hash: user.email_change_token_new, relatesTo: l.newEmail, now });
      }
      linkToken = (l.type === 'email_change_current' ? user.email_change_token_current : user.email_change_token_new) ?? '';
      break;
    }
  }
  return { user, otp, hashedToken: hash, actionLink: actionLink(s.config, MAIL_OF[l.type], linkToken, l.redirectTo)! };
}

/** As GoTrue's signup-by-link for an address it already knows: unconfirmed users get the data merged in. */
export const mergeSignupData = (tx: Sql, s: Services, user: UserRow, data: Record<string, unknown> | undefined) =>
  updateUser(tx, user.id, { raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, data ?? {}) }, s.clock.now());
