import type { OAuthProviderName } from '../config.js';
import { AuthError, badRequest, unexpectedFailure } from '../errors.js';
import { oauth2BasicAuth } from '../go/basic-auth.js';
import { oauthErrorForStatus } from '../go/oauth-errors.js';
import { idpFetch, idpIssuer } from '../idp/app.js';
import type { Services } from '../services.js';
import type { ProviderSettings } from '../config.js';
import { userDataFromClaims, type ProviderClaims, type UserProvidedData } from './oauth-user-data.js';

/**
 * An error the provider reported, or GoTrue's OAuthError: rendered as `error` and
 * `error_description` only (no error_code), in redirects and in /token bodies.
 */
export class OAuthFailure extends Error {
  constructor(readonly error: string, readonly description: string) {
    super(description);
    this.name = 'OAuthFailure';
  }
}


/**
 * GoTrue's oAuthCallback after the state checks: exchange the code at the provider's token
 * endpoint (client_secret_basic, as golang.org/x/oauth2 tries first), then read the profile.
 * The fake provider is called in process through its own HTTP handlers.
 */
export async function exchangeProviderCode(
  s: Services,
  provider: { name: OAuthProviderName; settings: ProviderSettings },
  code: string,
): Promise<{ data: UserProvidedData; accessToken: string; refreshToken: string }> {
  const issuer = idpIssuer(s, provider.name);
  const tokenResponse = await idpFetch(s, new Request(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: oauth2BasicAuth(provider.settings.clientId[0]!, provider.settings.secret), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: provider.settings.redirectUri }),
  }));
  if (!tokenResponse.ok) throw unexpectedFailure(`Unable to exchange external code: ${code.slice(0, 4)}`);
  const tokens = (await tokenResponse.json()) as { access_token: string; refresh_token?: string };
  const profile = await idpFetch(s, new Request(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } }));
  if (!profile.ok) throw unexpectedFailure('Error getting user profile from external provider');
  const claims = (await profile.json()) as ProviderClaims;
  return { data: userDataFromClaims(provider.name, claims, issuer), accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? '' };
}

/** GoTrue's getErrorQueryString: which `error` an AuthError becomes in a redirect. */
export function oauthErrorName(e: AuthError): string {
  if (e.code === 'signup_disabled' || e.code === 'user_banned' || e.code === 'provider_email_needs_verification') return 'access_denied';
  return oauthErrorForStatus(e.status) ?? 'server_error';
}

export const missingCode = () => badRequest('bad_oauth_callback', 'OAuth callback with missing authorization code missing');
