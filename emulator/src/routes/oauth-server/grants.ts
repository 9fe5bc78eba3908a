import { audit } from '../../auth/audit.js';
import { parseScopes } from '../../auth/oauth-server/authorizations.js';
import { activeConsents, findActiveConsent, revokeConsent } from '../../db/oauth-authorizations.js';
import { clientDetails } from '../../auth/oauth-server/clients.js';
import { findClient } from '../../db/oauth-clients.js';
import { currentUser, isUuid } from '../../http/auth.js';
import type { Ctx } from '../../http/env.js';
import { requestInfo } from '../../http/request.js';
import { badRequest, notFound } from '../../errors.js';
import { goTime, sortKeys } from '../../go/json.js';
import { profileClaims } from '../../tokens/id-token.js';
import { deleteClientSessions } from '../../db/sessions.js';

/**
 * What a signed-in user sees of the OAuth 2.1 server (oauthserver/handlers.go): the apps they
 * consented to, revoking one, and the OIDC userinfo endpoint the apps call with their tokens.
 */

/** GET /user/oauth/grants — active consents, newest first; clients deleted since are left out. */
export async function listGrants(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  const grants = [];
  for (const consent of await activeConsents(s.db, user.id)) {
    const client = await findClient(s.db, consent.client_id);
    if (!client) continue;
    grants.push({ client: clientDetails(client), scopes: parseScopes(consent.scopes), granted_at: goTime(consent.granted_at) });
  }
  return c.json(grants);
}

/**
 * DELETE /user/oauth/grants?client_id=... — revokes the consent and ends every session the user
 * has with that client, so its refresh tokens stop working at once.
 */
export async function revokeGrant(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  const clientId = c.req.query('client_id') ?? '';
  if (clientId === '') throw badRequest('validation_failed', 'client_id query parameter is required');
  if (!isUuid(clientId)) throw badRequest('validation_failed', 'invalid client_id format');
  const consent = await findActiveConsent(s.db, user.id, clientId);
  if (!consent) throw notFound('oauth_consent_not_found', 'No active grant found for this client');
  const { ip } = requestInfo(c);
  await s.db.transaction(async (tx) => {
    const now = s.clock.now();
    await revokeConsent(tx, consent.id, now);
    await deleteClientSessions(tx, user.id, clientId);
    await audit(tx, s.random, now, {
      actor: user, action: 'token_revoked', ip, traits: { oauth_client_id: clientId, action: 'revoke_oauth_grant' },
    });
  });
  return c.body(null, 204);
}

/**
 * GET /oauth/userinfo — OIDC UserInfo: sub always, more per the scopes of the token's session. A
 * token of an ordinary (non-OAuth) session has no scopes and gets sub alone. A Go map: sorted keys.
 */
export function userInfo(c: Ctx) {
  const user = currentUser(c);
  const info: Record<string, unknown> = { sub: user.id };
  const scopes = parseScopes(c.var.caller.session?.scopes);
  if (scopes.includes('email')) {
    if (user.email) info.email = user.email;
    if (user.email_confirmed_at) info.email_verified = true;
  }
  if (scopes.includes('profile')) {
    const p = profileClaims(user);
    if (p.name) info.name = p.name;
    if (p.picture) info.picture = p.picture;
    if (p.preferred_username) info.preferred_username = p.preferred_username;
    if (p.updated_at > 0) info.updated_at = p.updated_at;
    if (user.raw_user_meta_data) info.user_metadata = user.raw_user_meta_data;
  }
  if (scopes.includes('phone')) {
    if (user.phone) info.phone = user.phone;
    if (user.phone_confirmed_at) info.phone_verified = true;
  }
  return c.json(sortKeys(info));
}
