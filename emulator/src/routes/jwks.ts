import { SUPPORTED_SCOPES } from '../auth/oauth-server/authorizations.js';
import type { Ctx } from '../http/env.js';

/** Both discovery documents may be cached for ten minutes, as GoTrue says. */
const CACHE_CONTROL = 'public, max-age=600';

/**
 * GET /.well-known/jwks.json — the public halves of the asymmetric keys (GoTrue's WellKnownJwks).
 * The HS256 secret is never published, so with only the secret the list is empty.
 */
export function jwks(c: Ctx) {
  c.header('Cache-Control', CACHE_CONTROL);
  return c.json(c.var.services.jwt.jwks);
}

/**
 * GET /.well-known/openid-configuration, and /.well-known/oauth-authorization-server (RFC 8414)
 * while the OAuth server is on — GoTrue's WellKnownOpenID serves both, field for field and in its order.
 */
export function openIdConfiguration(c: Ctx) {
  const config = c.var.services.config;
  const issuer = config.jwtIssuer ?? '';
  const base = issuer.replace(/\/+$/, '');
  c.header('Cache-Control', CACHE_CONTROL);
  return c.json({
    issuer,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    userinfo_endpoint: `${base}/oauth/userinfo`,
    ...(config.oauthServerEnabled && config.oauthServerAllowDynamicRegistration
      ? { registration_endpoint: `${base}/oauth/clients/register` }
      : {}),
    scopes_supported: SUPPORTED_SCOPES,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    // GoTrue lists RS256, HS256 and ES256 whatever it signs with (a TODO in its jwks.go); authlab lists
    // only what a client can verify: the algorithms of the published keys, none with the HS256 secret
    // alone (then no id_token is issued at all)
    id_token_signing_alg_values_supported: [...new Set(c.var.services.jwt.jwks.keys.map((k) => k.alg).filter(Boolean))],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    claims_supported: [
      'sub', 'aud', 'iss', 'exp', 'iat', 'auth_time', 'nonce', 'email', 'email_verified',
      'phone_number', 'phone_number_verified', 'name', 'picture', 'preferred_username', 'updated_at',
    ],
    code_challenge_methods_supported: ['S256', 'plain'],
  });
}
