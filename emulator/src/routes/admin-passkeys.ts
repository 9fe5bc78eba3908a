import { audit } from '../auth/audit.js';
import { passkeyJson } from '../auth/webauthn/passkeys.js';
import { deletePasskey, findPasskey, passkeysOf } from '../db/passkeys.js';
import { isUuid } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { requestInfo } from '../http/request.js';
import { notFound } from '../errors.js';
import { adminOf, targetUser } from './admin.js';

/** GoTrue's admin passkey endpoints (passkey_admin.go): list and delete a user's passkeys. */

/** GET /admin/users/{id}/passkeys — the user's passkeys, [] when none. */
export async function adminUserPasskeys(c: Ctx) {
  const user = targetUser(c);
  return c.json((await passkeysOf(c.var.services.db, user.id)).map(passkeyJson));
}

/** DELETE /admin/users/{id}/passkeys/{passkey_id} — 204; no aal2 rule for admins. */
export async function adminUserDeletePasskey(c: Ctx) {
  const s = c.var.services;
  const user = targetUser(c);
  const id = c.req.param('passkey_id') ?? '';
  const passkey = isUuid(id) ? await findPasskey(s.db, user.id, id.toLowerCase()) : undefined;
  if (!passkey) throw notFound('validation_failed', 'Passkey not found');
  await s.db.transaction(async (tx) => {
    await deletePasskey(tx, passkey.id);
    // as GoTrue: the admin is the actor, the user named in the traits
    await audit(tx, s.random, s.clock.now(), {
      actor: adminOf(c), action: 'passkey_deleted', ip: requestInfo(c).ip, traits: { passkey_id: passkey.id, user_id: user.id },
    });
  });
  return c.body(null, 204);
}
