import { userDataFromClaims, type ProviderClaims, type UserProvidedData } from '../auth/external/user-data.js';
import type { OAuthProviderName, ProviderSettings } from '../config.js';
import { unexpectedFailure } from '../errors.js';
import { oauth2BasicAuth } from '../go/basic-auth.js';
import type { Services } from '../services.js';
import { idpFetch, idpIssuer } from './app.js';

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
