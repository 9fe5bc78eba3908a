import { audit } from '../auth/audit.js';
import { currentUser } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { requestInfo } from '../http/request.js';
import { badRequest } from '../errors.js';
import { deleteSession, deleteSessionsOfUser } from '../db/sessions.js';

/**
 * POST /logout?scope=global|local|others — deletes sessions (their refresh tokens and amr claims
 * cascade). Access tokens stay signed but every endpoint that loads the session now refuses them.
 */
export async function logout(c: Ctx) {
  const s = c.var.services;
  const scope = c.req.query('scope') || 'global';
  if (!['global', 'local', 'others'].includes(scope)) {
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  }
  const user = currentUser(c);
  const sessionId = c.var.caller.session?.id;
  await s.db.transaction(async (tx) => {
    await audit(tx, s.random, s.clock.now(), { actor: user, action: 'logout', ip: requestInfo(c).ip });
    // as GoTrue: a token without a session_id claim logs out everywhere, whatever the scope
    if (sessionId && scope === 'local') {
      await deleteSession(tx, sessionId);
    } else if (sessionId && scope === 'others') {
      await deleteSessionsOfUser(tx, user.id, sessionId);
    } else {
      await deleteSessionsOfUser(tx, user.id);
    }
  });
  return c.body(null, 204);
}
