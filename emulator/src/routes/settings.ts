import { OAUTH_PROVIDERS, providerSettings } from '../config.js';
import type { Ctx } from '../http/env.js';

/** Providers GoTrue lists under `external` in GET /settings, in its order. */
export const EXTERNAL_PROVIDERS = [
  'anonymous_users', 'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'snapchat', 'figma', 'fly', 'github',
  'gitlab', 'google', 'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'notion', 'spotify', 'slack', 'slack_oidc',
  'workos', 'twitch', 'twitter', 'email', 'phone', 'zoom',
] as const;

/** GET /settings — which sign-in methods are on, as GoTrue reports them. */
export function settings(c: Ctx) {
  const config = c.var.services.config;
  const external: Record<string, boolean> = {};
  for (const p of EXTERNAL_PROVIDERS) external[p] = false;
  for (const p of OAUTH_PROVIDERS) if (p in external) external[p] = providerSettings(config, p).enabled;
  external.anonymous_users = config.externalAnonymousUsersEnabled;
  external.email = config.externalEmailEnabled;
  external.phone = config.externalPhoneEnabled;
  return c.json({
    external,
    disable_signup: config.disableSignup,
    mailer_autoconfirm: config.mailerAutoconfirm,
    phone_autoconfirm: config.smsAutoconfirm,
    sms_provider: config.smsProvider,
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: config.passkeyEnabled,
  });
}
