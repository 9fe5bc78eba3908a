import type { MiddlewareHandler } from 'hono';
import { audit } from '../auth/audit.js';
import { updateEmailFromIdentities } from '../auth/external/accounts.js';
import { deleteIdentity, identitiesOf } from '../db/identities.js';
import { updateUser } from '../db/users.js';
import { refreshProviders } from '../auth/verification.js';
import { currentUser, isUuid } from '../http/auth.js';
import type { AppEnv, Ctx } from '../http/env.js';
import { requestInfo } from '../http/request.js';
import { forbidden, notFound, unprocessable } from '../errors.js';
import { providerRedirectUrl } from './external.js';

/** As GoTrue's requireManualLinkingEnabled, behind requireUser. */
export const requireManualLinking: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.services.config.securityManualLinkingEnabled) throw notFound('manual_linking_disabled', 'Manual linking is disabled');
  await next();
};

/** GET /user/identities/authorize — linkIdentity: the OAuth flow with the signed-in user as target. */
export async function linkIdentity(c: Ctx) {
  const url = await providerRedirectUrl(c, currentUser(c));
  if (c.req.query('skip_http_redirect') === 'true') return c.json({ url });
  return c.redirect(url, 302);
}

/** DELETE /user/identities/:identity_id — unlinkIdentity, GoTrue's DeleteIdentity checks in order. */
export async function unlinkIdentity(c: Ctx) {
  const s = c.var.services;
  const id = c.req.param('identity_id') ?? '';
  if (!isUuid(id)) throw notFound('validation_failed', 'identity_id must be an UUID');
  const claimed = c.var.caller.claims.aud;
  const tokenAud = Array.isArray(claimed) ? claimed[0] : claimed;
  const requestAud = c.req.header('x-jwt-aud') || s.config.jwtAud;
  if (tokenAud !== requestAud) throw forbidden('unexpected_audience', "Token audience doesn't match request audience");
  const user = currentUser(c);
  const identities = await identitiesOf(s.db, user.id);
  if (identities.length <= 1) throw unprocessable('single_identity_not_deletable', 'User must have at least 1 identity after unlinking');
  const identity = identities.find((i) => i.id === id.toLowerCase());
  if (!identity) throw unprocessable('identity_not_found', "Identity doesn't exist");
  await s.db.transaction(async (tx) => {
    const now = s.clock.now();
    await audit(tx, s.random, now, {
      actor: user, action: 'identity_unlinked', ip: requestInfo(c).ip,
      traits: { identity_id: identity.id, provider: identity.provider, provider_id: identity.provider_id },
    });
    await deleteIdentity(tx, identity.id);
    let updated = user;
    if (identity.provider === 'phone') updated = await updateUser(tx, user.id, { phone: null, phone_confirmed_at: null }, now);
    else updated = await updateEmailFromIdentities(tx, s, user);
    await refreshProviders(tx, s, updated);
  });
  return c.json({});
}
