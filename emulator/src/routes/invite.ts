import { z } from 'zod';
import { insertEmailUser } from '../auth/admin-links.js';
import { audit } from '../auth/audit.js';
import { sendInvite } from '../auth/email-actions.js';
import { identitiesOf } from '../db/identities.js';
import { findUserByEmail } from '../db/users.js';
import { validateEmail } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { readBody } from '../http/request.js';
import { unprocessable } from '../errors.js';
import { DUPLICATE_EMAIL, adminOf, requestAud, userWithFactorsJson } from './admin.js';
import { obj, str } from './params.js';

const InviteBody = z.object({ email: str(), data: obj() });

/**
 * POST /invite (admin) — GoTrue's Invite: creates the user when the address is new (password-less,
 * data as user_metadata), mails the invite and answers the user. An invite is sent again to an
 * unconfirmed user; a confirmed one is 422 email_exists.
 */
export async function invite(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, InviteBody);
  const email = validateEmail(body.email);
  const aud = requestAud(c);
  const existing = await findUserByEmail(s.db, email, aud);
  const redirect = redirectTo(c);

  const result = await s.db.transaction(async (tx) => {
    if (existing?.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    const created = existing ? undefined : await insertEmailUser(tx, s, { email, aud, data: body.data, encryptedPassword: '' });
    const user = existing ?? created!.user;
    await audit(tx, s.random, s.clock.now(), {
      actor: adminOf(c), action: 'user_invited', traits: { user_email: user.email ?? '', user_id: user.id },
    });
    return { user: await sendInvite(tx, s, user, { redirectTo: redirect }), identity: created?.identity };
  });
  const identities = result.identity ? [result.identity] : await identitiesOf(s.db, result.user.id);
  return c.json(await userWithFactorsJson(s.db, result.user, identities));
}
