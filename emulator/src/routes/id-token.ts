import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { linkIdentityToUser, signInWithExternalIdentity, type ExternalOutcome } from '../auth/external/accounts.js';
import { OAuthFailure } from '../auth/external/callback.js';
import { isOAuthProvider } from '../auth/external/providers.js';
import { userDataFromClaims } from '../auth/external/user-data.js';
import { sessionResponse, startSession } from '../auth/sessions.js';
import type { UserRow } from '../auth/users.js';
import { providerSettings, type OAuthProviderName } from '../config.js';
import { currentUser, requireUser } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { AuthError, badRequest, renderOAuthError, unexpectedFailure } from '../errors.js';
import { idpIssuer } from '../idp/app.js';
import { str } from './params.js';

/** The providers GoTrue accepts id_tokens from by name (token_oidc.go getProvider). */
const ID_TOKEN_PROVIDERS: readonly OAuthProviderName[] = ['apple', 'google', 'azure', 'facebook', 'keycloak', 'kakao', 'vercel_marketplace', 'snapchat'];

const IdTokenBody = z.object({
  id_token: str(),
  access_token: str(),
  nonce: str(),
  provider: str(),
  client_id: str(),
  issuer: str(),
  link_identity: z.boolean().optional(),
});

const sha256Hex = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * POST /token?grant_type=id_token (GoTrue's IdTokenGrant): an id_token from one of the providers,
 * here always minted by authlab's fake provider for that name, signs the user in like an OAuth
 * callback would. GoTrue's OAuth-style failures answer 400 {error, error_description}.
 */
export async function idTokenGrant(c: Ctx) {
  try {
    return await grant(c);
  } catch (e) {
    if (e instanceof OAuthFailure) return renderOAuthError(400, e.error, e.description);
    throw e;
  }
}

async function grant(c: Ctx) {
  const s = c.var.services;
  const p = await readBody(c, IdTokenBody);
  if (p.id_token === '') throw new OAuthFailure('invalid request', 'id_token required');
  if (p.provider === '' && (p.client_id === '' || p.issuer === '')) {
    throw new OAuthFailure('invalid request', 'provider or client_id and issuer required');
  }
  let target: UserRow | undefined;
  if (p.link_identity) {
    if (!c.req.header('authorization')) throw new OAuthFailure('invalid request', 'Linking requires a valid user access token in Authorization');
    await requireUser(c, async () => {});
    target = currentUser(c);
  }

  const provider = pickProvider(s, p.provider, p.issuer);
  if (provider.startsWith('custom:')) throw badRequest('validation_failed', 'Custom OAuth providers are disabled');
  if (!isOAuthProvider(provider) || !ID_TOKEN_PROVIDERS.includes(provider)) {
    throw badRequest('validation_failed', `Custom OIDC provider "${p.provider}" not allowed`);
  }
  const settings = providerSettings(s.config, provider);
  const issuer = idpIssuer(s, provider);
  if (!settings.enabled) throw badRequest('provider_disabled', `Provider (issuer "${issuer}") is not enabled`);

  let claims: JWTPayload;
  try {
    const keys = createLocalJWKSet({ keys: [(await s.idp.state()).publicJwk] });
    ({ payload: claims } = await jwtVerify(p.id_token, keys, { issuer, currentDate: s.clock.now() }));
  } catch {
    throw new OAuthFailure('invalid request', 'Bad ID token');
  }
  if (!claims.sub) throw new OAuthFailure('invalid request', 'Missing sub claim in id_token');
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
  if (!settings.clientId.some((id) => id !== '' && audiences.includes(id))) {
    throw new OAuthFailure('invalid request', `Unacceptable audience in id_token: [${audiences.join(' ')}]`);
  }
  // as GoTrue: the app passes the raw nonce; the token carries its SHA-256 in hex (Facebook never checks)
  if (!settings.skipNonceCheck && provider !== 'facebook') {
    const tokenNonce = typeof claims.nonce === 'string' ? claims.nonce : '';
    if ((tokenNonce !== '') !== (p.nonce !== '')) {
      throw new OAuthFailure('invalid request', 'Passed nonce and nonce in id_token should either both exist or not.');
    }
    if (tokenNonce !== '' && (await sha256Hex(p.nonce)) !== tokenNonce) throw new OAuthFailure('invalid nonce', 'Nonces mismatch');
  }

  const data = userDataFromClaims(provider, {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    email_verified: claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    picture: typeof claims.picture === 'string' ? claims.picture : undefined,
    preferred_username: typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined,
  }, issuer);
  const request = requestInfo(c);
  let commitError: AuthError | undefined;
  const response = await s.db.transaction(async (tx) => {
    const outcome: ExternalOutcome = target
      ? await linkIdentityToUser(tx, s, { target, data, provider })
      : await signInWithExternalIdentity(tx, s, { data, provider, emailOptional: settings.emailOptional, request });
    if (outcome.commitError) {
      commitError = outcome.commitError;
      return undefined;
    }
    const session = await startSession(tx, s, { user: outcome.user, method: 'oauth', request, action: null });
    return sessionResponse(tx, s, session);
  });
  if (commitError || !response) throw commitError ?? unexpectedFailure('id_token sign-in did not complete');
  return c.json(response);
}

/** By name, else by issuer (the fake provider's issuer stands in for the real one). */
function pickProvider(s: Parameters<typeof idpIssuer>[0], name: string, issuer: string): string {
  if (name !== '') return name.toLowerCase();
  const match = ID_TOKEN_PROVIDERS.find((p) => idpIssuer(s, p) === issuer);
  return match ?? '';
}
