import type { Services } from '../services.js';
import type { UserRow } from '../db/user-rows.js';
import { sortKeys } from '../go/json.js';

/** GoTrue's authentication methods (models/factor.go), as they appear in the amr claim. */
export type AmrMethod =
  | 'password'
  | 'otp'
  | 'oauth'
  | 'totp'
  | 'mfa/phone'
  | 'mfa/webauthn'
  | 'sso/saml'
  | 'recovery'
  | 'invite'
  | 'magiclink'
  | 'email/signup'
  | 'email_change'
  | 'token_refresh'
  | 'anonymous'
  | 'web3'
  | 'passkey'
  | 'oauth_provider/authorization_code';

export interface AmrEntry {
  method: string;
  timestamp: number;
}

export interface AccessTokenInput {
  user: UserRow;
  sessionId: string;
  aal: string;
  amr: AmrEntry[];
  /** Set for sessions issued to an OAuth server client: adds GoTrue's client_id and scope claims. */
  oauth?: { clientId: string; scope: string } | undefined;
  /** The latest exp allowed (unix seconds), e.g. a low-AAL session's end; JWT_EXP applies when sooner. */
  notAfter?: number | undefined;
}

/** Signs a user access token with GoTrue's claims, in GoTrue's order. Returns the token and its exp. */
export async function signAccessToken(s: Services, t: AccessTokenInput): Promise<{ token: string; expiresAt: number }> {
  const iat = s.clock.nowSeconds();
  const exp = t.notAfter !== undefined ? Math.min(iat + s.config.jwtExp, t.notAfter) : iat + s.config.jwtExp;
  const claims: Record<string, unknown> = {};
  if (s.config.jwtIssuer) claims.iss = s.config.jwtIssuer;
  Object.assign(claims, {
    sub: t.user.id,
    aud: t.user.aud,
    exp,
    iat,
    email: t.user.email ?? '',
    phone: t.user.phone ?? '',
    app_metadata: sortKeys(t.user.raw_app_meta_data ?? {}),
    user_metadata: sortKeys(t.user.raw_user_meta_data ?? {}),
    role: t.user.role,
    aal: t.aal,
    amr: t.amr,
    session_id: t.sessionId,
    is_anonymous: t.user.is_anonymous,
  });
  // as GoTrue: both omitempty, after is_anonymous
  if (t.oauth?.clientId) claims.client_id = t.oauth.clientId;
  if (t.oauth?.scope) claims.scope = t.oauth.scope;
  return { token: await s.jwt.sign(claims), expiresAt: exp };
}
