import { Hono } from 'hono';
import { requireAdmin, requireUser } from '../core/auth.js';
import { limitByIp } from '../core/ip-limits.js';
import type { AppEnv } from '../core/env.js';
import { idpRoutes } from '../idp/app.js';
import { adminUserCreate, adminUserDelete, adminUserGet, adminUserUpdate, adminUsers } from './admin.js';
import { adminUserDeleteFactor, adminUserFactors, adminUserUpdateFactor } from './admin-factors.js';
import { adminGenerateLink } from './admin-links.js';
import { adminUserDeletePasskey, adminUserPasskeys } from './admin-passkeys.js';
import { adminAuditLog } from './audit.js';
import { callback } from './callback.js';
import { authorize } from './external.js';
import { challengeFactor, enrollFactor, requireNotAnonymous, requireOwnFactor, unenrollFactor, verifyFactor } from './factors.js';
import { health } from './health.js';
import { linkIdentity, requireManualLinking, unlinkIdentity } from './identities.js';
import { invite } from './invite.js';
import { jwks, openIdConfiguration } from './jwks.js';
import { logout } from './logout.js';
import { consent, getAuthorization, oauthAuthorize } from './oauth-authorize.js';
import {
  adminDeleteClient, adminGetClient, adminListClients, adminRegenerateSecret, adminRegisterClient, adminUpdateClient,
  dynamicRegisterClient,
} from './oauth-clients.js';
import { listGrants, revokeGrant, userInfo } from './oauth-grants.js';
import { requireOAuthServer } from './oauth-server.js';
import { oauthToken } from './oauth-token.js';
import {
  passkeyAuthenticationOptions,
  passkeyAuthenticationVerify,
  passkeyDelete,
  passkeyList,
  passkeyRegistrationOptions,
  passkeyRegistrationVerify,
  passkeyUpdate,
  requirePasskeyEnabled,
} from './passkeys.js';
import { magicLink, otp } from './otp.js';
import { reauthenticate } from './reauthenticate.js';
import { recover } from './recover.js';
import { resend } from './resend.js';
import { settings } from './settings.js';
import { signup } from './signup.js';
import { adminSsoProviderNotFound, adminSsoProvidersCreate, adminSsoProvidersList, samlDisabled } from './sso.js';
import { token } from './token.js';
import { getUser, updateCurrentUser } from './user.js';
import { verifyCode, verifyLink } from './verify.js';

/** GoTrue's route table (internal/api/api.go), as far as authlab implements it. */
export function authRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/health', health);
  r.get('/settings', settings);
  r.get('/.well-known/jwks.json', jwks);
  r.get('/.well-known/openid-configuration', openIdConfiguration);
  r.get('/.well-known/oauth-authorization-server', requireOAuthServer, openIdConfiguration);

  r.post('/signup', limitByIp('otp'), signup);
  // as GoTrue: web3 sign-ins count against their own limiter, every other grant against the token one
  r.post('/token', limitByIp((c) => (c.req.query('grant_type') === 'web3' ? 'web3' : 'token')), token);
  r.get('/verify', limitByIp('verify'), verifyLink);
  r.post('/verify', limitByIp('verify'), verifyCode);
  r.post('/otp', limitByIp('otp'), otp);
  r.post('/magiclink', limitByIp('otp'), magicLink);
  r.post('/recover', limitByIp('otp'), recover);
  r.post('/resend', limitByIp('otp'), resend);

  r.get('/user', requireUser, getUser);
  r.put('/user', limitByIp('otp'), requireUser, updateCurrentUser);
  r.get('/reauthenticate', requireUser, reauthenticate);
  r.post('/logout', requireUser, logout);

  // OAuth sign-in (external.go, identity.go) and authlab's fake identity provider behind it
  r.get('/authorize', authorize);
  r.get('/callback', callback);
  r.post('/callback', callback);
  r.get('/user/identities/authorize', requireUser, requireManualLinking, linkIdentity);
  r.delete('/user/identities/:identity_id', requireUser, requireManualLinking, unlinkIdentity);
  r.route('/_/idp', idpRoutes());

  // SAML SSO (sso.go, saml.go): off in every local stack, so the whole group answers "disabled"
  r.all('/sso', samlDisabled);
  r.all('/sso/*', samlDisabled);

  r.post('/factors', requireUser, requireNotAnonymous, enrollFactor);
  r.post('/factors/:factor_id/challenge', requireUser, requireNotAnonymous, requireOwnFactor, limitByIp('mfaChallenge'), challengeFactor);
  r.post('/factors/:factor_id/verify', requireUser, requireNotAnonymous, requireOwnFactor, limitByIp('mfaVerify'), verifyFactor);
  r.delete('/factors/:factor_id', requireUser, requireNotAnonymous, unenrollFactor);

  // the OAuth 2.1 / OIDC server, where your project is the identity provider (oauthserver/)
  // as GoTrue: counted once the OAuth server is on, before the handler asks if registration is allowed
  r.post('/oauth/clients/register', requireOAuthServer, limitByIp('oauthClientRegister'), dynamicRegisterClient);
  r.post('/oauth/token', requireOAuthServer, oauthToken);
  r.get('/oauth/userinfo', requireOAuthServer, requireUser, userInfo);
  r.get('/oauth/authorize', requireOAuthServer, oauthAuthorize);
  r.get('/oauth/authorizations/:authorization_id', requireOAuthServer, requireUser, getAuthorization);
  r.post('/oauth/authorizations/:authorization_id/consent', requireOAuthServer, requireUser, consent);
  r.get('/user/oauth/grants', requireUser, requireOAuthServer, listGrants);
  r.delete('/user/oauth/grants', requireUser, requireOAuthServer, revokeGrant);
  // passkeys (passkey_*.go), all 404 passkey_disabled while [auth.passkey] is off
  r.use('/passkeys/*', requirePasskeyEnabled);
  r.use('/passkeys', requirePasskeyEnabled);
  r.post('/passkeys/authentication/options', limitByIp('passkey'), passkeyAuthenticationOptions);
  r.post('/passkeys/authentication/verify', passkeyAuthenticationVerify);
  r.post('/passkeys/registration/options', requireUser, requireNotAnonymous, passkeyRegistrationOptions);
  r.post('/passkeys/registration/verify', requireUser, requireNotAnonymous, passkeyRegistrationVerify);
  r.get('/passkeys', requireUser, passkeyList);
  r.patch('/passkeys/:passkey_id', requireUser, passkeyUpdate);
  r.delete('/passkeys/:passkey_id', requireUser, passkeyDelete);

  r.post('/invite', requireAdmin, invite);
  r.get('/admin/audit', requireAdmin, adminAuditLog);
  r.get('/admin/users', requireAdmin, adminUsers);
  r.post('/admin/users', requireAdmin, adminUserCreate);
  r.get('/admin/users/:user_id', requireAdmin, adminUserGet);
  r.put('/admin/users/:user_id', requireAdmin, adminUserUpdate);
  r.delete('/admin/users/:user_id', requireAdmin, adminUserDelete);
  r.get('/admin/users/:user_id/factors', requireAdmin, adminUserFactors);
  r.put('/admin/users/:user_id/factors/:factor_id', requireAdmin, adminUserUpdateFactor);
  r.delete('/admin/users/:user_id/factors/:factor_id', requireAdmin, adminUserDeleteFactor);
  r.get('/admin/users/:user_id/passkeys', requireAdmin, adminUserPasskeys);
  r.delete('/admin/users/:user_id/passkeys/:passkey_id', requireAdmin, adminUserDeletePasskey);
  r.post('/admin/generate_link', requireAdmin, adminGenerateLink);
  r.post('/admin/oauth/clients', requireAdmin, requireOAuthServer, adminRegisterClient);
  r.get('/admin/oauth/clients', requireAdmin, requireOAuthServer, adminListClients);
  r.get('/admin/oauth/clients/:client_id', requireAdmin, requireOAuthServer, adminGetClient);
  r.put('/admin/oauth/clients/:client_id', requireAdmin, requireOAuthServer, adminUpdateClient);
  r.delete('/admin/oauth/clients/:client_id', requireAdmin, requireOAuthServer, adminDeleteClient);
  r.post('/admin/oauth/clients/:client_id/regenerate_secret', requireAdmin, requireOAuthServer, adminRegenerateSecret);
  r.get('/admin/sso/providers', requireAdmin, adminSsoProvidersList);
  r.post('/admin/sso/providers', requireAdmin, adminSsoProvidersCreate);
  r.on(['GET', 'PUT', 'DELETE'], '/admin/sso/providers/:idp_id', requireAdmin, adminSsoProviderNotFound);
  return r;
}
