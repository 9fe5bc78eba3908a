import { Hono } from 'hono';
import { requireAdmin, requireUser } from '../http/auth.js';
import { limitByIp } from '../http/ip-limits.js';
import type { AppEnv } from '../http/env.js';
import { idpRoutes } from '../idp/app.js';
import { adminUserCreate, adminUserDelete, adminUserGet, adminUserUpdate, adminUsers, loadUser } from './admin.js';
import { adminUserDeleteFactor, adminUserFactors, adminUserUpdateFactor } from './admin-factors.js';
import { adminGenerateLink } from './admin-links.js';
import { adminUserDeletePasskey, adminUserPasskeys } from './admin-passkeys.js';
import { adminAuditLog } from './audit.js';
import { callback } from './callback.js';
import { authorize } from './external.js';
import { challengeFactor, enrollFactor, requireNotAnonymous, requireOwnFactor, unenrollFactor, verifyFactor } from './factors.js';
import { group } from './group.js';
import { health } from './health.js';
import { linkIdentity, requireManualLinking, unlinkIdentity } from './identities.js';
import { invite } from './invite.js';
import { jwks, openIdConfiguration } from './jwks.js';
import { logout } from './logout.js';
import { consent, getAuthorization, oauthAuthorize } from './oauth-server/authorize.js';
import {
  adminDeleteClient, adminGetClient, adminListClients, adminRegenerateSecret, adminRegisterClient, adminUpdateClient,
  dynamicRegisterClient,
} from './oauth-server/clients.js';
import { listGrants, revokeGrant, userInfo } from './oauth-server/grants.js';
import { requireOAuthServer } from './oauth-server/shared.js';
import { oauthToken } from './oauth-server/token.js';
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

  const factors = group(r, requireUser, requireNotAnonymous);
  factors.post('/factors', enrollFactor);
  const ownFactor = factors.with(requireOwnFactor);
  ownFactor.post('/factors/:factor_id/challenge', limitByIp('mfaChallenge'), challengeFactor);
  ownFactor.post('/factors/:factor_id/verify', limitByIp('mfaVerify'), verifyFactor);
  factors.delete('/factors/:factor_id', unenrollFactor);

  // the OAuth 2.1 / OIDC server, where your project is the identity provider (oauthserver/)
  const oauthServer = group(r, requireOAuthServer);
  // as GoTrue: counted once the OAuth server is on, before the handler asks if registration is allowed
  oauthServer.post('/oauth/clients/register', limitByIp('oauthClientRegister'), dynamicRegisterClient);
  oauthServer.post('/oauth/token', oauthToken);
  oauthServer.get('/oauth/authorize', oauthAuthorize);
  const oauthUser = oauthServer.with(requireUser);
  oauthUser.get('/oauth/userinfo', userInfo);
  oauthUser.get('/oauth/authorizations/:authorization_id', getAuthorization);
  oauthUser.post('/oauth/authorizations/:authorization_id/consent', consent);
  // the user's own grants: signed in first, then the feature check
  const grants = group(r, requireUser, requireOAuthServer);
  grants.get('/user/oauth/grants', listGrants);
  grants.delete('/user/oauth/grants', revokeGrant);
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

  const admin = group(r, requireAdmin);
  admin.post('/invite', invite);
  admin.get('/admin/audit', adminAuditLog);
  admin.get('/admin/users', adminUsers);
  admin.post('/admin/users', adminUserCreate);
  admin.post('/admin/generate_link', adminGenerateLink);
  const adminUser = admin.with(loadUser);
  adminUser.get('/admin/users/:user_id', adminUserGet);
  adminUser.put('/admin/users/:user_id', adminUserUpdate);
  adminUser.delete('/admin/users/:user_id', adminUserDelete);
  adminUser.get('/admin/users/:user_id/factors', adminUserFactors);
  adminUser.put('/admin/users/:user_id/factors/:factor_id', adminUserUpdateFactor);
  adminUser.delete('/admin/users/:user_id/factors/:factor_id', adminUserDeleteFactor);
  adminUser.get('/admin/users/:user_id/passkeys', adminUserPasskeys);
  adminUser.delete('/admin/users/:user_id/passkeys/:passkey_id', adminUserDeletePasskey);
  const adminOAuth = admin.with(requireOAuthServer);
  adminOAuth.post('/admin/oauth/clients', adminRegisterClient);
  adminOAuth.get('/admin/oauth/clients', adminListClients);
  adminOAuth.get('/admin/oauth/clients/:client_id', adminGetClient);
  adminOAuth.put('/admin/oauth/clients/:client_id', adminUpdateClient);
  adminOAuth.delete('/admin/oauth/clients/:client_id', adminDeleteClient);
  adminOAuth.post('/admin/oauth/clients/:client_id/regenerate_secret', adminRegenerateSecret);
  admin.get('/admin/sso/providers', adminSsoProvidersList);
  admin.post('/admin/sso/providers', adminSsoProvidersCreate);
  admin.on(['GET', 'PUT', 'DELETE'], '/admin/sso/providers/:idp_id', adminSsoProviderNotFound);
  return r;
}
