import { OAUTH_PROVIDERS, providerSettings, type Config, type OAuthProviderName, type ProviderSettings } from '../../config.js';
import { badRequest } from '../../errors.js';

/** The scopes each GoTrue provider always asks for (api/provider/<name>.go); `scopes` adds to them. */
const DEFAULT_SCOPES: Partial<Record<OAuthProviderName, string[]>> = {
  apple: ['name', 'email'],
  azure: ['openid'],
  discord: ['email', 'identify'],
  facebook: ['email'],
  figma: ['current_user:read'],
  fly: ['read'],
  github: ['user:email'],
  gitlab: ['read_user'],
  google: ['email', 'profile'],
  kakao: ['account_email', 'profile_image', 'profile_nickname'],
  keycloak: ['profile', 'email'],
  linkedin: ['r_emailaddress', 'r_liteprofile'],
  linkedin_oidc: ['openid', 'email', 'profile'],
  slack: ['profile', 'email', 'openid'],
  slack_oidc: ['profile', 'email', 'openid'],
  snapchat: [
    'https://auth.snapchat.com/oauth2/api/user.external_id',
    'https://auth.snapchat.com/oauth2/api/user.display_name',
    'https://auth.snapchat.com/oauth2/api/user.bitmoji.avatar',
  ],
  spotify: ['user-read-email'],
  twitch: ['user:read:email'],
  x: ['users.email', 'tweet.read', 'users.read', 'offline.access'],
};

export const isOAuthProvider = (name: string): name is OAuthProviderName => (OAUTH_PROVIDERS as readonly string[]).includes(name);

/**
 * As GoTrue's API.Provider + ValidateOAuth: the provider's settings, or 400 validation_failed
 * "Unsupported provider: <reason>" with GoTrue's reasons.
 */
export function enabledProvider(config: Config, rawName: string, code: 'validation_failed' | 'oauth_provider_not_supported' = 'validation_failed'): { name: OAuthProviderName; settings: ProviderSettings } {
  const name = rawName.toLowerCase();
  const fail = (reason: string) => badRequest(code, `Unsupported provider: ${reason}`);
  if (name.startsWith('custom:')) throw fail('custom OAuth providers are disabled');
  if (!isOAuthProvider(name)) throw fail(`Provider ${name} could not be found`);
  const settings = providerSettings(config, name);
  if (!settings.enabled) throw fail('provider is not enabled');
  if (settings.clientId.length === 0) throw fail('missing OAuth client ID');
  if (settings.secret === '') throw fail('missing OAuth secret');
  if (settings.redirectUri === '') throw fail('missing redirect URI');
  return { name, settings };
}

/** GitHub, Google and most others split `scopes` on commas (Azure and a few on spaces). */
export function providerScopes(name: OAuthProviderName, extra: string): string {
  const split = extra === '' ? [] : extra.split(name === 'azure' || name === 'workos' ? ' ' : ',');
  return [...(DEFAULT_SCOPES[name] ?? []), ...split].join(' ');
}
