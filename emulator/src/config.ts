import { z } from 'zod';
import { parseBool } from './go/bool.js';
import { DurationError, parseGoDuration } from './go/duration.js';
import { pascalCase, type Pascal } from './go/names.js';

/**
 * Every setting of the emulator in one schema. Names are GoTrue's, in camelCase: the
 * environment variable is `GOTRUE_` + the name in SCREAMING_SNAKE_CASE (jwtExp -> GOTRUE_JWT_EXP),
 * except apiExternalUrl, which GoTrue reads from API_EXTERNAL_URL. Defaults are those of a
 * local `supabase start` (the Supabase CLI's config.toml defaults), not GoTrue's bare code defaults.
 */

const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Demo secret every local Supabase stack uses unless overridden. */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const DEFAULT_PORT = 54321;
export const DEFAULT_HOST = '127.0.0.1';
/** Where `supabase start` serves its mail catcher (Mailpit). */
export const DEFAULT_INBOX_PORT = 54324;

const boolean = () =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim();
    // strconv.ParseBool's spellings (GoTrue's envconfig), plus any case of yes/no/on/off and empty
    const lower = s.toLowerCase();
    if (['true', 'yes', 'on'].includes(lower)) return true;
    if (['false', 'no', 'off', ''].includes(lower)) return false;
    return parseBool(s) ?? v;
  }, z.boolean());

const integer = (min = 0) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().int().min(min));

/** Go durations ("1m", "24h", "1h30m", "500ms") or a plain number of seconds; parsed to seconds. */
export function parseDurationSeconds(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (s === '') return 0;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  try {
    const ns = parseGoDuration(s);
    // a negative duration is left as text, to be refused with the other malformed values
    return ns < 0n ? v : Number(ns) / 1e9;
  } catch (e) {
    if (e instanceof DurationError) return v;
    throw e;
  }
}
const seconds = () => z.preprocess(parseDurationSeconds, z.number().min(0));

const list = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v),
    z.array(z.string()),
  );

const parseJson = (v: string): unknown => {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** A JSON array of objects, given as a value or as JSON text (environment variables). */
const jsonArray = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? [] : parseJson(v)) : v),
    z.array(z.record(z.string(), z.unknown()), { message: 'must be a JSON array of JWK objects' }),
  );

const url = () => z.url({ message: 'must be an absolute URL such as http://127.0.0.1:3000' });

/** Every OAuth provider GoTrue v2.189.0 knows (api/external.go Provider), by its wire name. */
export const OAUTH_PROVIDERS = [
  'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'kakao',
  'keycloak', 'linkedin', 'linkedin_oidc', 'notion', 'snapchat', 'spotify', 'slack', 'slack_oidc', 'twitch',
  'twitter', 'x', 'vercel_marketplace', 'workos', 'zoom',
] as const;
export type OAuthProviderName = (typeof OAUTH_PROVIDERS)[number];


/**
 * GoTrue's EXTERNAL_<PROVIDER>_* settings for one provider. authlab has no network: every provider
 * is served by its built-in fake identity provider, so a client id and secret are preset (the fake
 * checks them like a real one would) and only `enabled` needs setting.
 */
const providerFields = (p: OAuthProviderName) => ({
  Enabled: boolean().default(false).describe(`Sign-in with ${p} (served by authlab's fake identity provider).`),
  ClientId: list().default([`authlab-${p}`]).describe(`OAuth client id(s) for ${p}; the first is used, any is accepted as id_token aud.`),
  Secret: z.string().default(`authlab-${p}-secret`).describe(`OAuth client secret for ${p}.`),
  RedirectUri: z.string().default('').describe(`Callback URL registered for ${p}; default <apiExternalUrl>/callback.`),
  Url: z.string().default('').describe(`Base URL of a self-hosted ${p} (GitLab, Keycloak, ...); informational in authlab.`),
  SkipNonceCheck: boolean().default(false).describe(`Accept id_tokens for ${p} without comparing nonces.`),
  EmailOptional: boolean().default(false).describe(`Allow ${p} accounts without an email address.`),
});
type ProviderFields = ReturnType<typeof providerFields>;
/** Every provider-and-field pair, each key typed by its own field (externalGithubEnabled: boolean). */
type ProviderShape = {
  [K in `${OAuthProviderName}|${keyof ProviderFields}` as K extends `${infer P}|${infer F}` ? `external${Pascal<P>}${F}` : never]:
    K extends `${string}|${infer F extends keyof ProviderFields}` ? ProviderFields[F] : never;
};

function providerShape(): ProviderShape {
  const shape: Record<string, z.ZodType> = {};
  for (const p of OAUTH_PROVIDERS) {
    for (const [field, schema] of Object.entries(providerFields(p))) shape[`external${pascalCase(p)}${field}`] = schema;
  }
  return shape as ProviderShape;
}

/** The EXTERNAL_<PROVIDER>_* settings of one provider, read from a resolved config. */
export interface ProviderSettings {
  enabled: boolean;
  clientId: string[];
  secret: string;
  redirectUri: string;
  url: string;
  skipNonceCheck: boolean;
  emailOptional: boolean;
}

export function providerSettings(config: Config, p: OAuthProviderName): ProviderSettings {
  const name = pascalCase(p);
  return {
    enabled: config[`external${name}Enabled`],
    clientId: config[`external${name}ClientId`],
    secret: config[`external${name}Secret`],
    redirectUri: config[`external${name}RedirectUri`],
    url: config[`external${name}Url`],
    skipNonceCheck: config[`external${name}SkipNonceCheck`],
    emailOptional: config[`external${name}EmailOptional`],
  };
}

/** The settings GoTrue requires of each SMS provider before it sends (conf.*ProviderConfiguration.Validate). */
export const SMS_PROVIDER_FIELDS = {
  twilio: ['AccountSid', 'AuthToken', 'MessageServiceSid'],
  twilio_verify: ['AccountSid', 'AuthToken', 'MessageServiceSid'],
  messagebird: ['AccessKey', 'Originator'],
  textlocal: ['ApiKey', 'Sender'],
  vonage: ['ApiKey', 'ApiSecret', 'From'],
} as const;
type SmsProviderName = keyof typeof SMS_PROVIDER_FIELDS;
type SmsFieldKey = {
  [P in SmsProviderName]: `sms${Pascal<P>}${(typeof SMS_PROVIDER_FIELDS)[P][number]}`;
}[SmsProviderName];

function smsProviderFields(): Record<SmsFieldKey, z.ZodDefault<z.ZodString>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [p, fields] of Object.entries(SMS_PROVIDER_FIELDS)) {
    for (const f of fields) {
      shape[`sms${pascalCase(p)}${f}`] = z.string().default('').describe(`${p} ${f} (never used: no SMS leaves authlab; GoTrue refuses to send without it).`);
    }
  }
  return shape as Record<SmsFieldKey, z.ZodDefault<z.ZodString>>;
}

/**
 * Why GoTrue's GetSmsProvider would fail for this configuration, in GoTrue's words, or undefined.
 * GoTrue then answers every SMS it should send with 500 "Unable to get SMS provider".
 */
export function smsProviderProblem(config: Config): string | undefined {
  const name = config.smsProvider;
  if (!Object.hasOwn(SMS_PROVIDER_FIELDS, name)) return `sms Provider ${name} could not be found`;
  const record = config as unknown as Record<string, string>;
  const missing = SMS_PROVIDER_FIELDS[name as SmsProviderName].find((f) => !record[`sms${pascalCase(name)}${f}`]);
  return missing && `missing ${name} ${missing.replace(/[A-Z]/g, (c, i: number) => (i ? ' ' : '') + c.toLowerCase())}`;
}

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
  jwtKeyId: z.string().default('').describe('kid of the JWT secret, put in the header of HS256 tokens when no jwtKeys are set.'),
  jwtKeys: jsonArray()
    .default([])
    .describe('Private JWKs as a JSON array (RS256/ES256, or oct HS256); the one whose key_ops has "sign" signs access tokens, all verify by kid.'),
  jwtValidMethods: list()
    .default([])
    .describe('JWT algorithms accepted on verification (e.g. "HS256,RS256,ES256"); empty = the algorithms of the keys, as GoTrue.'),

  // --- providers ----------------------------------------------------------------------------
  externalEmailEnabled: boolean().default(true).describe('Email + password and email OTP sign-in.'),
  externalEmailMagicLinkEnabled: boolean().default(true).describe('Magic links for email users.'),
  externalPhoneEnabled: boolean().default(false).describe('Phone + password and SMS OTP sign-in.'),
  externalAnonymousUsersEnabled: boolean().default(false).describe('POST /signup with no credentials.'),
  ...providerShape(),
  // Web3 sign-in ([auth.web3.*]); authlab answers GoTrue's "disabled" errors but cannot verify wallet signatures
  externalWeb3SolanaEnabled: boolean()
    .default(false)
    .describe('Sign in with Solana on /token?grant_type=web3 ([auth.web3.solana]); authlab cannot verify the signature.'),
  externalWeb3EthereumEnabled: boolean()
    .default(false)
    .describe('Sign in with Ethereum on /token?grant_type=web3 ([auth.web3.ethereum]); authlab cannot verify the signature.'),
  externalRedirectUrl: z
    .string()
    .default('')
    .describe('Where every OAuth callback lands, overriding redirect_to and SITE_URL (rarely set).'),

  // --- mail and SMS confirmations -----------------------------------------------------------
  mailerAutoconfirm: boolean()
    .default(true)
    .describe('Confirm email signups at once (the CLI sets this from !auth.email.enable_confirmations).'),
  smsAutoconfirm: boolean().default(true).describe('Confirm phone signups at once.'),
  mailerAllowUnverifiedEmailSignIns: boolean()
    .default(false)
    .describe('Let OAuth users whose provider email is unverified sign in before confirming it.'),
  mailerSecureEmailChangeEnabled: boolean().default(true).describe('Email change needs both addresses to confirm.'),
  mailerOtpExp: seconds().default(1 * HOUR).describe('Lifetime of emailed links and codes, in seconds.'),
  mailerOtpLength: integer(6).default(6).describe('Digits in an emailed code (6 to 10).'),

  mailerUrlpathsConfirmation: z.string().default('').describe('Link target of confirmation mails; default <apiExternalUrl>/verify.'),
  mailerUrlpathsInvite: z.string().default('').describe('Link target of invite mails; default <apiExternalUrl>/verify.'),
  mailerUrlpathsRecovery: z.string().default('').describe('Link target of recovery and magic link mails; default <apiExternalUrl>/verify.'),
  mailerUrlpathsEmailChange: z.string().default('').describe('Link target of email change mails; default <apiExternalUrl>/verify.'),
  mailerSubjectsConfirmation: z.string().default('Confirm Your Email').describe('Subject of the sign-up confirmation mail.'),
  mailerSubjectsInvite: z.string().default('You have been invited').describe('Subject of the invite mail.'),
  mailerSubjectsRecovery: z.string().default('Reset Your Password').describe('Subject of the password recovery mail.'),
  mailerSubjectsMagicLink: z.string().default('Your Magic Link').describe('Subject of the magic link mail.'),
  mailerSubjectsEmailChange: z.string().default('Confirm Email Change').describe('Subject of the email change mails.'),
  mailerSubjectsReauthentication: z.string().default('Confirm reauthentication').describe('Subject of the reauthentication mail.'),
  mailerTemplatesConfirmation: z.string().default('').describe('File path or URL of a custom confirmation template (Go template syntax).'),
  mailerTemplatesInvite: z.string().default('').describe('File path or URL of a custom invite template.'),
  mailerTemplatesRecovery: z.string().default('').describe('File path or URL of a custom recovery template.'),
  mailerTemplatesMagicLink: z.string().default('').describe('File path or URL of a custom magic link template.'),
  mailerTemplatesEmailChange: z.string().default('').describe('File path or URL of a custom email change template.'),
  mailerTemplatesReauthentication: z.string().default('').describe('File path or URL of a custom reauthentication template.'),
  smtpAdminEmail: z.string().default('admin@email.com').describe('From address of captured mail ([inbucket] admin_email).'),
  smtpSenderName: z.string().default('Admin').describe('From name of captured mail ([inbucket] sender_name).'),
  smtpMaxFrequency: seconds()
    .default(1 * SECOND)
    .describe('Minimum seconds between two mails of one kind to one user ([auth.email] max_frequency).'),

  // --- SMS ----------------------------------------------------------------------------------
  smsOtpExp: seconds().default(6000).describe('Lifetime of SMS codes in seconds (the CLI passes 6000).'),
  smsOtpLength: integer(6).default(6).describe('Digits in an SMS code.'),
  smsMaxFrequency: seconds().default(5 * SECOND).describe('Minimum seconds between two SMS to one user ([auth.sms] max_frequency).'),
  smsTemplate: z.string().default('Your code is {{ .Code }}').describe('Body of the SMS; {{ .Code }} is the code.'),
  smsTestOtp: z
    .preprocess(
      (v) =>
        typeof v === 'string'
          ? Object.fromEntries(
              v
                .split(',')
                .map((pair) => pair.split(':').map((x) => x.trim()))
                .filter((p) => p.length === 2 && p[0] && p[1]),
            )
          : v,
      z.record(z.string(), z.string()),
    )
    .default({})
    .describe('Fixed codes per phone ("phone:code,..."); no SMS is sent to these numbers ([auth.sms.test_otp]).'),
  smsProvider: z
    .string()
    .default('')
    .describe(
      'twilio, twilio_verify, messagebird, textlocal or vonage. As `supabase start`, phone sign-in is off without one; ' +
        'no SMS ever leaves authlab, they land in the outbox.',
    ),
  // A provider's credentials are never used, only checked as GoTrue checks them before each send
  ...smsProviderFields(),

  // --- rate limits --------------------------------------------------------------------------
  rateLimitEmailSent: integer(0)
    .default(360000)
    .describe('Mails per hour for the whole instance (the CLI sets 360000 with its mail catcher).'),
  rateLimitSmsSent: integer(0).default(30).describe('SMS per hour for the whole instance.'),
  rateLimitVerify: integer(0).default(30).describe('/verify requests per 5 minutes per IP (needs rateLimitHeader).'),
  rateLimitTokenRefresh: integer(0).default(150).describe('/token requests per 5 minutes per IP (needs rateLimitHeader).'),
  rateLimitOtp: integer(0)
    .default(30)
    .describe('/signup, /otp, /magiclink, /recover, /resend, PUT /user per 5 minutes per IP (needs rateLimitHeader).'),
  rateLimitWeb3: integer(0).default(30).describe('/token?grant_type=web3 requests per 5 minutes per IP (needs rateLimitHeader).'),
  rateLimitAnonymousUsers: integer(0).default(30).describe('Anonymous sign-ins per hour per IP (needs rateLimitHeader).'),
  rateLimitHeader: z
    .string()
    .default('')
    .describe('Request header holding the client IP; as GoTrue, per-IP limits apply only when it is set.'),

  // --- PKCE ---------------------------------------------------------------------------------
  externalFlowStateExpiryDuration: seconds()
    .default(5 * MINUTE)
    .describe('Lifetime of a PKCE flow state (auth code) in seconds; GoTrue never goes below 300.'),

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
  securityManualLinkingEnabled: boolean()
    .default(false)
    .describe('Allow /user/identities (linkIdentity, unlinkIdentity); off -> 404 manual_linking_disabled.'),
  securityUpdatePasswordRequireCurrentPassword: boolean()
    .default(false)
    .describe('Password changes need current_password, except in recovery sessions.'),

  // --- sessions -----------------------------------------------------------------------------
  sessionsTimebox: seconds().default(0).describe('Maximum session age in seconds; 0 = unlimited.'),
  sessionsInactivityTimeout: seconds().default(0).describe('Session expires this long after its last refresh; 0 = never.'),
  sessionsAllowLowAal: seconds()
    .default(0)
    .describe('An aal1 session of a user with a verified factor expires this long after it began; 0 = never.'),
  sessionsSinglePerUser: boolean().default(false).describe('Only the most recently refreshed session may refresh.'),

  // --- MFA ----------------------------------------------------------------------------------
  // GoTrue's own defaults turn TOTP on, but every `supabase init` config.toml since CLI 2.0 writes
  // [auth.mfa.totp] enroll_enabled = false / verify_enabled = false and the CLI passes them on, so a
  // local stack refuses TOTP until the project turns it on. authlab starts the same way.
  mfaTotpEnrollEnabled: boolean()
    .default(false)
    .describe('Allow enrolling TOTP factors ([auth.mfa.totp] enroll_enabled; off in a fresh local project).'),
  mfaTotpVerifyEnabled: boolean()
    .default(false)
    .describe('Allow TOTP challenges and verification ([auth.mfa.totp] verify_enabled; off in a fresh local project).'),
  mfaPhoneEnrollEnabled: boolean().default(false).describe('Allow enrolling phone (SMS) factors ([auth.mfa.phone] enroll_enabled).'),
  mfaPhoneVerifyEnabled: boolean().default(false).describe('Allow phone factor challenges and verification ([auth.mfa.phone] verify_enabled).'),
  mfaMaxEnrolledFactors: integer(0).default(10).describe('Most factors, verified or not, one user may have ([auth.mfa] max_enrolled_factors).'),
  mfaMaxVerifiedFactors: integer(0).default(10).describe('Most verified factors one user may have.'),
  mfaRateLimitChallengeAndVerify: integer(0)
    .default(15)
    .describe('POST /factors/{id}/challenge, and separately /verify, requests per minute per IP (needs rateLimitHeader).'),
  mfaChallengeExpiryDuration: seconds()
    .default(5 * MINUTE)
    .describe('Seconds a challenge stays verifiable; GoTrue never goes below 300.'),
  mfaFactorExpiryDuration: seconds()
    .default(5 * MINUTE)
    .describe('Unverified, never challenged factors older than this are removed at the next enrollment; at least 300 s.'),
  mfaPhoneOtpLength: integer(0).default(6).describe('Digits in an MFA SMS code (6 to 10, else 6).'),
  mfaPhoneMaxFrequency: seconds()
    .default(5 * SECOND)
    .describe('Minimum seconds between two SMS challenges of one phone factor ([auth.mfa.phone] max_frequency).'),
  mfaPhoneTemplate: z.string().default('Your code is {{ .Code }}').describe('Body of the MFA SMS; {{ .Code }} is the code.'),

  // --- OAuth 2.1 server (Supabase Auth as an identity provider) --------------------------------
  oauthServerEnabled: boolean()
    .default(false)
    .describe('Serve /oauth/* as an OAuth 2.1 / OIDC provider ([auth.oauth_server] enabled; off, as the CLI).'),
  oauthServerAuthorizationPath: z
    .string()
    .default('/oauth/consent')
    .describe('Path of the consent page on siteUrl that /oauth/authorize redirects to ([auth.oauth_server] authorization_url_path).'),
  oauthServerAllowDynamicRegistration: boolean()
    .default(false)
    .describe('Let anyone register clients at POST /oauth/clients/register ([auth.oauth_server] allow_dynamic_registration).'),
  oauthServerAuthorizationTtl: seconds()
    .default(10 * MINUTE)
    .describe('Seconds an authorization request, and the code it yields, stays usable.'),
  oauthServerDefaultScope: z.string().default('email').describe('Scope of an /oauth/authorize request that names none.'),
  rateLimitOauthDynamicClientRegister: integer(0)
    .default(10)
    .describe('POST /oauth/clients/register requests per 5 minutes per IP (needs rateLimitHeader).'),
  // GoTrue's code defaults and the CLI's: WebAuthn factors off until [auth.mfa.web_authn] turns them on
  mfaWebAuthnEnrollEnabled: boolean()
    .default(false)
    .describe('Allow enrolling WebAuthn factors ([auth.mfa.web_authn] enroll_enabled).'),
  mfaWebAuthnVerifyEnabled: boolean()
    .default(false)
    .describe('Allow WebAuthn factor challenges and verification ([auth.mfa.web_authn] verify_enabled).'),

  // --- passkeys and the WebAuthn relying party -------------------------------------------------
  passkeyEnabled: boolean().default(false).describe('Passkey registration and sign-in under /passkeys ([auth.passkey] enabled).'),
  passkeyMaxPasskeysPerUser: integer(0).default(10).describe('Most passkeys one user may register.'),
  webauthnRpId: z
    .string()
    .default('')
    .describe('WebAuthn relying party id, a domain such as "localhost" ([auth.webauthn] rp_id); needed by passkeys and WebAuthn factors.'),
  webauthnRpDisplayName: z
    .string()
    .default('')
    .describe('Relying party name shown by authenticators ([auth.webauthn] rp_display_name); needed to register.'),
  webauthnRpOrigins: list()
    .default([])
    .describe('Origins a WebAuthn response may come from, exactly (e.g. "http://localhost:3000"), comma separated in the environment.'),
  webauthnChallengeExpiryDuration: seconds()
    .default(5 * MINUTE)
    .describe('Seconds a passkey registration or sign-in challenge stays usable.'),
  rateLimitPasskey: integer(0).default(30).describe('Passkey sign-in option requests per 5 minutes per IP (needs rateLimitHeader).'),

  // --- authlab's own knobs (not GoTrue settings) ----------------------------------------------
  requireApiKey: boolean()
    .default(false)
    .describe(
      'Refuse /auth/v1 requests without a valid apikey (401), as hosted Supabase does; off by default, as the CLI\'s gateway checks no key.',
    ),
  externalAllEnabled: boolean()
    .default(false)
    .describe('Turn on every OAuth provider at once, each served by the built-in fake identity provider.'),
  inboxAllowedOrigins: list()
    .default([])
    .describe(
      'Origins of pages (besides the server\'s own) that may read and change captured mail and SMS over HTTP and ' +
        'the live events, exactly as "http://localhost:3000", comma separated; "*" for any. Empty: same origin only, as Mailpit.',
    ),
  idpLoginHint: boolean()
    .optional()
    .describe(
      'Let login_hint on the fake OAuth provider sign in as that email with no consent page. It hands out a session ' +
        'for any existing user\'s email, so by default it works only when authlab listens on a loopback address.',
    ),
  controlAllowedOrigins: list()
    .default([])
    .describe(
      'Origins of pages (besides the server\'s own) that may call the control API (/_/control), exactly as ' +
        '"http://localhost:3000", comma separated; "*" for any. Empty: same origin only.',
    ),
  signingKeys: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim().startsWith('[') ? parseJson(v) : typeof v === 'string' ? v.trim() : v),
      z.union([z.string(), z.array(z.record(z.string(), z.unknown()))]),
    )
    .default('')
    .describe(
      'Signing keys as the Supabase CLI sets them up: "" (HS256 secret only), "supabase-cli" (the ES256 key a plain ' +
        '`supabase start` uses), "generate" (a fresh ES256 key), or a JWK array or its file ([auth] signing_keys_path: ' +
        'API keys are then signed with its first key).',
    ),
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
  if (key === 'signingKeys') return 'AUTHLAB_SIGNING_KEYS';
  if (key === 'externalAllEnabled') return 'AUTHLAB_EXTERNAL_ALL_ENABLED';
  if (key === 'inboxAllowedOrigins') return 'AUTHLAB_INBOX_ALLOWED_ORIGINS';
  if (key === 'controlAllowedOrigins') return 'AUTHLAB_CONTROL_ALLOWED_ORIGINS';
  if (key === 'idpLoginHint') return 'AUTHLAB_IDP_LOGIN_HINT';
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

/** Levenshtein distance, for "did you mean" on typos. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The candidate a typo most likely meant, if one is close enough to suggest. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  return candidates
    .map((c) => ({ c, d: distance(name, c) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(c.length / 4)))
    .sort((x, y) => x.d - y.d)[0]?.c;
}

/**
 * Names in a settings object (a -c file, createEmulator's config) that are no setting, each with
 * a suggestion: a near camelCase name, or the setting behind a GOTRUE_ variable name.
 */
export function unknownSettings(input: Record<string, unknown>): string[] {
  const keys = Object.keys(configSchema.shape) as ConfigKey[];
  const byEnv = new Map(keys.map((k) => [envName(k), k]));
  const byLower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  return Object.keys(input)
    .filter((name) => !Object.hasOwn(configSchema.shape, name))
    .map((name) => {
      const near = byEnv.get(name) ?? byLower.get(name.toLowerCase()) ?? closestName(name, keys);
      return `"${name}" is not a setting${near ? ` (did you mean "${near}"?)` : ''}`;
    });
}

/** One bad value: the setting it belongs to, when it is one setting, and the line that explains it. */
export interface ConfigProblem {
  key?: ConfigKey;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: (ConfigProblem | string)[]) {
    const list = problems.map((p) => (typeof p === 'string' ? { message: p } : p));
    super(`authlab: invalid configuration:\n${list.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = list;
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
      return { key, message: `${key} (${envName(key)}): ${issue.message}; got ${JSON.stringify(given)}` };
    });
    throw new ConfigError(problems);
  }
  const config = result.data;
  if (config.signingKeys !== '' && config.jwtKeys.length > 0) {
    throw new ConfigError([
      'signingKeys (AUTHLAB_SIGNING_KEYS) and jwtKeys (GOTRUE_JWT_KEYS) are both set; give the keys one way only',
    ]);
  }
  // as `supabase start`: "no SMS provider is enabled. Disabling phone login"
  if (!config.smsProvider) config.externalPhoneEnabled = false;
  // The CLI sets GOTRUE_JWT_ISSUER to the external URL of the auth API.
  config.jwtIssuer ??= config.apiExternalUrl;
  if (config.mailerOtpLength > 10) config.mailerOtpLength = 6; // as GoTrue: out of 6..10 falls back to 6
  config.passwordMinLength = Math.max(config.passwordMinLength, 6); // as GoTrue: never below 6
  config.externalFlowStateExpiryDuration = Math.max(config.externalFlowStateExpiryDuration, 5 * MINUTE);
  // as GoTrue's ApplyDefaults for MFA
  config.mfaChallengeExpiryDuration = Math.max(config.mfaChallengeExpiryDuration, 5 * MINUTE);
  config.mfaFactorExpiryDuration = Math.max(config.mfaFactorExpiryDuration, 5 * MINUTE);
  if (config.mfaPhoneMaxFrequency === 0) config.mfaPhoneMaxFrequency = 1 * MINUTE;
  if (config.mfaPhoneOtpLength < 6 || config.mfaPhoneOtpLength > 10) config.mfaPhoneOtpLength = 6;
  for (const p of OAUTH_PROVIDERS) {
    const name = pascalCase(p);
    if (config.externalAllEnabled) config[`external${name}Enabled`] = true;
    // as the CLI: an unset redirect_uri is the API's own /callback
    config[`external${name}RedirectUri`] ||= `${config.apiExternalUrl.replace(/\/$/, '')}/callback`;
  }
  const verifyUrl = `${config.apiExternalUrl.replace(/\/$/, '')}/verify`;
  config.mailerUrlpathsConfirmation ||= verifyUrl;
  config.mailerUrlpathsInvite ||= verifyUrl;
  config.mailerUrlpathsRecovery ||= verifyUrl;
  config.mailerUrlpathsEmailChange ||= verifyUrl;
  return config;
}
