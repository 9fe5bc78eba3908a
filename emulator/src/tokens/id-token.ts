import type { UserRow } from '../db/user-rows.js';
import type { Services } from '../services.js';

/**
 * OIDC ID tokens of the OAuth 2.1 server (GoTrue's tokens/service.go GenerateIDToken): signed with
 * the access-token key, which must be asymmetric (the caller refuses HS256, as GoTrue does), valid
 * for one hour, audience the client. Which claims appear follows the granted scopes.
 */

const HOUR = 60 * 60;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The profile scope's claims, from user_metadata as GoTrue reads them (shared with /oauth/userinfo). */
export function profileClaims(user: UserRow) {
  const meta = user.raw_user_meta_data ?? {};
  return {
    name: text(meta.name) ?? text(user.email),
    picture: text(meta.picture) ?? text(meta.avatar_url),
    preferred_username: text(meta.preferred_username) ?? text(meta.username),
    updated_at: Math.floor(user.updated_at.getTime() / 1000),
  };
}

export interface IdTokenInput {
  user: UserRow;
  clientId: string;
  nonce: string;
  scopes: string[];
}

/** The token, claims in GoTrue's IDTokenClaims order (omitempty ones left out when empty). */
export async function signIdToken(s: Services, t: IdTokenInput): Promise<string> {
  const iat = s.clock.nowSeconds();
  const { user, scopes } = t;
  const claims: Record<string, unknown> = {};
  if (s.config.jwtIssuer) claims.iss = s.config.jwtIssuer;
  Object.assign(claims, { sub: user.id, aud: t.clientId, exp: iat + HOUR, iat });
  if (t.nonce) claims.nonce = t.nonce;
  // when the person last signed in: the sign-in this very exchange recorded
  claims.auth_time = Math.floor((user.last_sign_in_at ?? s.clock.now()).getTime() / 1000);
  const email = scopes.includes('email');
  const phone = scopes.includes('phone');
  if (email && user.email) claims.email = user.email;
  // the *_verified claims are always present, false unless their scope says otherwise
  claims.email_verified = email && user.email_confirmed_at !== null;
  if (phone && user.phone) claims.phone_number = user.phone;
  claims.phone_number_verified = phone && user.phone_confirmed_at !== null;
  if (scopes.includes('profile')) {
    const p = profileClaims(user);
    if (p.name) claims.name = p.name;
    if (p.picture) claims.picture = p.picture;
    if (p.updated_at > 0) claims.updated_at = p.updated_at;
    if (p.preferred_username) claims.preferred_username = p.preferred_username;
  }
  claims.client_id = t.clientId;
  return s.jwt.sign(claims);
}
