import { z } from 'zod';

/**
 * Every setting of the emulator in one schema. Names are GoTrue's, in camelCase: the
 * environment variable is `GOTRUE_` + the name in SCREAMING_SNAKE_CASE (jwtExp -> GOTRUE_JWT_EXP),
 * except apiExternalUrl, which GoTrue reads from API_EXTERNAL_URL. Defaults are those of a
 * local `supabase start` (see shared/spec/supabase-local.md), not GoTrue's bare code defaults.
 */

const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Demo secret every local Supabase stack uses unless overridden. */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const DEFAULT_PORT = 54321;
export const DEFAULT_HOST = '127.0.0.1';

const boolean = () =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(s)) return true;
    if (['false', '0', 'no', 'off', ''].includes(s)) return false;
    return v;
  }, z.boolean());

const integer = (min = 0) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().int().min(min));

/** Go durations ("1m", "24h", "1h30m", "500ms") or a plain number of seconds; parsed to seconds. */
export function parseDurationSeconds(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (s === '') return 0;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: MINUTE, h: HOUR };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * unit[m[2]!]!;
    matched += m[0].length;
  }
  return matched === s.length ? total : v;
}
const seconds = () => z.preprocess(parseDurationSeconds, z.number().min(0));

const list = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v),
    z.array(z.string()),
  );

const url = () => z.url({ message: 'must be an absolute URL such as http://127.0.0.1:3000' });

export const configSchema = z.object({
  // --- where the emulator lives -------------------------------------------------------------
  apiExternalUrl: url()
    .default(`http://${DEFAULT_HOST}:${DEFAULT_PORT}/auth/v1`)
    .describe('Public base URL of the auth API; base of /verify links and the OAuth /callback.'),
  siteUrl: url().default('http://127.0.0.1:3000').describe('Default redirect target and base of the redirect allow-list.'),
  uriAllowList: list()
    .default(['https://127.0.0.1:3000'])
    .describe('Extra redirect URLs (globs) allowed in redirect_to, comma separated in the environment.'),
  disableSignup: boolean().default(false).describe('Refuse every new user (signup_disabled).'),

  // --- JWT ----------------------------------------------------------------------------------
  jwtSecret: z
    .string()
    .min(16, { message: 'must be at least 16 characters, as the Supabase CLI requires' })
    .default(DEFAULT_JWT_SECRET)
    .describe('HS256 secret that signs access tokens and the anon/service_role API keys.'),
  jwtExp: integer(1)
    .default(1 * HOUR)
    .describe('Access token lifetime in seconds.'),
  jwtAud: z.string().default('authenticated').describe('Audience of user access tokens and of users.'),
  jwtDefaultGroupName: z.string().default('authenticated').describe('Role given to new users.'),
  jwtAdminRoles: list().default(['service_role', 'supabase_admin']).describe('JWT roles allowed on admin routes.'),
  jwtIssuer: z
    .string()
    .optional()
    .describe('iss claim of access tokens; the Supabase CLI sets it to the API external URL (the default here).'),

  // --- providers ----------------------------------------------------------------------------
  externalEmailEnabled: boolean().default(true).describe('Email + password and email OTP sign-in.'),
  externalEmailMagicLinkEnabled: boolean().default(true).describe('Magic links for email users.'),
  externalPhoneEnabled: boolean().default(false).describe('Phone + password and SMS OTP sign-in.'),
  externalAnonymousUsersEnabled: boolean().default(false).describe('POST /signup with no credentials.'),

  // --- mail and SMS confirmations -----------------------------------------------------------
  mailerAutoconfirm: boolean()
    .default(true)
    .describe('Confirm email signups at once (the CLI sets this from !auth.email.enable_confirmations).'),
  smsAutoconfirm: boolean().default(true).describe('Confirm phone signups at once.'),
  mailerSecureEmailChangeEnabled: boolean().default(true).describe('Email change needs both addresses to confirm.'),
  mailerOtpExp: seconds().default(1 * HOUR).describe('Lifetime of emailed links and codes, in seconds.'),
  mailerOtpLength: integer(6).default(6).describe('Digits in an emailed code (6 to 10).'),

  // --- passwords ----------------------------------------------------------------------------
  passwordMinLength: integer(0).default(6).describe('Shortest accepted password; GoTrue raises values below 6 to 6.'),
  passwordRequiredCharacters: z
    .string()
    .default('')
    .describe('Character sets a password must draw from, separated by ":" (GoTrue format).'),

  // --- security -----------------------------------------------------------------------------
  securityRefreshTokenRotationEnabled: boolean()
    .default(true)
    .describe('Reusing a revoked refresh token outside the reuse interval revokes the whole session.'),
  securityRefreshTokenReuseInterval: seconds()
    .default(10 * SECOND)
    .describe('Seconds during which a just-rotated refresh token may still be used.'),
  securityUpdatePasswordRequireReauthentication: boolean()
    .default(false)
    .describe('Password changes need a nonce from /reauthenticate.'),
  securityUpdatePasswordRequireCurrentPassword: boolean()
    .default(false)
    .describe('Password changes need current_password, except in recovery sessions.'),

  // --- sessions -----------------------------------------------------------------------------
  sessionsTimebox: seconds().default(0).describe('Maximum session age in seconds; 0 = unlimited.'),
  sessionsInactivityTimeout: seconds().default(0).describe('Session expires this long after its last refresh; 0 = never.'),
  sessionsSinglePerUser: boolean().default(false).describe('Only the most recently refreshed session may refresh.'),

  // --- authlab's own knobs (not GoTrue settings) ----------------------------------------------
  requireApiKey: boolean()
    .default(true)
    .describe('Refuse /auth/v1 requests without a valid apikey (401), as hosted Supabase does.'),
  bcryptCost: integer(4)
    .default(10)
    .describe('bcrypt cost for new password hashes; 10 is GoTrue\'s, 4 makes test suites fast.'),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ConfigKey = keyof Config;

/** Environment variable that overrides a setting, GoTrue's name for it. */
export function envName(key: ConfigKey): string {
  if (key === 'apiExternalUrl') return 'API_EXTERNAL_URL';
  if (key === 'bcryptCost') return 'AUTHLAB_BCRYPT_COST';
  if (key === 'requireApiKey') return 'AUTHLAB_REQUIRE_API_KEY';
  return `GOTRUE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Reads every setting that has an environment variable set. */
export function configFromEnv(env: Record<string, string | undefined>): Partial<Record<ConfigKey, string>> {
  const out: Partial<Record<ConfigKey, string>> = {};
  for (const key of Object.keys(configSchema.shape) as ConfigKey[]) {
    const value = env[envName(key)];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`authlab: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates and completes a configuration; throws ConfigError listing every bad value. */
export function resolveConfig(input: Partial<Record<ConfigKey, unknown>> = {}): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path[0] as ConfigKey | undefined;
      if (key === undefined) return issue.message;
      const given = (input as Record<string, unknown>)[key];
      return `${key} (${envName(key)}): ${issue.message}; got ${JSON.stringify(given)}`;
    });
    throw new ConfigError(problems);
  }
  const config = result.data;
  // The CLI sets GOTRUE_JWT_ISSUER to the external URL of the auth API.
  config.jwtIssuer ??= config.apiExternalUrl;
  if (config.mailerOtpLength > 10) config.mailerOtpLength = 6; // as GoTrue: out of 6..10 falls back to 6
  config.passwordMinLength = Math.max(config.passwordMinLength, 6); // as GoTrue: never below 6
  return config;
}
