import { z } from 'zod';
import { insertEmailUser, issueLink, mergeSignupData, type LinkType } from '../auth/admin-links.js';
import { findDuplicateEmailUser, generatePassword } from '../auth/admin-users.js';
import { checkPasswordStrength, hashPassword } from '../auth/passwords.js';
import { isRedirectUrlValid } from '../auth/redirect.js';
import { type IdentityRow, type UserRow } from '../auth/users.js';
import { identitiesOf } from '../db/identities.js';
import { findUserByEmail } from '../db/users.js';
import { validateEmail } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { readBody } from '../http/request.js';
import { badRequest, notFound, unprocessable } from '../errors.js';
import { DUPLICATE_EMAIL, adminOf, requestAud, userWithFactorsJson } from './admin.js';
import { obj, str } from './params.js';

/**
 * POST /admin/generate_link — GoTrue's adminGenerateLink (mail.go): the link and code a mail would
 * carry, handed to the admin instead of mailed. The user's fields come flattened in the answer.
 */

const LINK_TYPES: readonly string[] = ['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new'];

const GenerateLinkBody = z.object({
  type: str(),
  email: str(),
  new_email: str(),
  password: str(),
  data: obj(),
  redirect_to: str(),
});

export async function adminGenerateLink(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, GenerateLinkBody);
  const email = validateEmail(body.email);
  // as GoTrue: the usual redirect (header, query, Referer, SITE_URL), overridden by an allowed body field
  const referrer = isRedirectUrlValid(s.config, body.redirect_to) ? body.redirect_to : redirectTo(c);
  const aud = requestAud(c);

  let type = body.type;
  let password = body.password;
  const existing = await findUserByEmail(s.db, email, aud);
  if (!existing) {
    // as GoTrue: a magic link for a stranger signs them up; the others need someone to exist
    if (type === 'magiclink') {
      type = 'signup';
      password = generatePassword(s, 1);
    } else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
      throw notFound('user_not_found', 'User with this email not found');
    }
  }
  let encryptedPassword = '';
  if (type === 'signup' && !existing) {
    if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
    checkPasswordStrength(password, s.config);
    encryptedPassword = await hashPassword(password, s.config.bcryptCost, s.random.bytes(16));
  }

  const issued = await s.db.transaction(async (tx) => {
    if (!LINK_TYPES.includes(type)) throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`);
    let user: UserRow | undefined = existing;
    let created: IdentityRow | undefined;
    let newEmail = '';
    if (type === 'invite' || type === 'signup') {
      if (user?.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
      if (user && type === 'signup') user = await mergeSignupData(tx, s, user, body.data);
      if (!user) ({ user, identity: created } = await insertEmailUser(tx, s, { email, aud, data: body.data, encryptedPassword }));
    } else if (type === 'email_change_current' || type === 'email_change_new') {
      if (!s.config.mailerSecureEmailChangeEnabled && type === 'email_change_current') {
        throw badRequest('validation_failed', 'Enable secure email change to generate link for current email');
      }
      newEmail = validateEmail(body.new_email);
      if (await findDuplicateEmailUser(tx, newEmail, user!.aud, user!.id)) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    }
    const link = await issueLink(tx, s, { type: type as LinkType, email, newEmail, user: user!, actor: adminOf(c), redirectTo: referrer });
    return { ...link, created };
  });

  // as GoTrue: a user created here was read back before the link fields were set (no confirmed_at);
  // an existing one is shown with its identities and factors as loaded
  const identities = issued.created ? [issued.created] : await identitiesOf(s.db, issued.user.id);
  const user = await userWithFactorsJson(s.db, issued.user, identities);
  return c.json({
    ...user,
    action_link: issued.actionLink,
    email_otp: issued.otp,
    hashed_token: issued.hashedToken,
    verification_type: type,
    redirect_to: referrer,
  });
}
