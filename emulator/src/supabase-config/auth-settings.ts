import { isAbsolute, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { configSchema, OAUTH_PROVIDERS, type ConfigKey } from '../config.js';
import { EMAIL_TEMPLATE_TYPES } from './schema.js';
import { pascalCase } from '../go/names.js';

/**
 * How supabase/config.toml becomes authlab settings: the same translation the Supabase CLI makes
 * into GoTrue's environment in `supabase start` (internal/start/start.go, buildGotrueEnv and the
 * lines after it), restricted to the settings authlab has.
 */

export type Kind = 'bool' | 'int' | 'str' | 'list' | 'duration';
type Value<K extends Kind> = K extends 'bool' ? boolean : K extends 'int' | 'duration' ? number : K extends 'list' ? string[] : string;

/** What the mapping rules may do; the loader implements it over the parsed file and the environment. */
export interface Reader {
  /** A key's value coerced to `kind` (SUPABASE_* override and env(VAR) applied); undefined if absent or bad. */
  read<K extends Kind>(path: string, kind: K): Value<K> | undefined;
  /** The keys present under a table, as full dotted paths. */
  keys(table: string): string[];
  /** A valid key deliberately not applied, because the CLI would not apply it either. */
  skip(path: string, why?: string): void;
  set(key: ConfigKey, value: unknown, from: string): void;
  unknown(path: string, message: string): void;
  note(message: string): void;
  problem(path: string, message: string): void;
  ports: { api?: number; inbox?: number };
  /** The directory holding supabase/: email template paths are relative to it. */
  projectDir: string;
}

const negate = (v: boolean) => !v;

/** config.toml key -> authlab setting, where the CLI passes the value straight through (or negated). */
const DIRECT: [path: string, kind: Kind, key: ConfigKey, convert?: (v: boolean) => boolean][] = [
  ['auth.site_url', 'str', 'siteUrl'],
  ['auth.additional_redirect_urls', 'list', 'uriAllowList'],
  ['auth.jwt_expiry', 'int', 'jwtExp'],
  ['auth.enable_refresh_token_rotation', 'bool', 'securityRefreshTokenRotationEnabled'],
  ['auth.refresh_token_reuse_interval', 'int', 'securityRefreshTokenReuseInterval'],
  ['auth.enable_signup', 'bool', 'disableSignup', negate],
  ['auth.enable_anonymous_sign_ins', 'bool', 'externalAnonymousUsersEnabled'],
  ['auth.enable_manual_linking', 'bool', 'securityManualLinkingEnabled'],
  ['auth.minimum_password_length', 'int', 'passwordMinLength'],
  ['auth.rate_limit.sms_sent', 'int', 'rateLimitSmsSent'],
  ['auth.rate_limit.anonymous_users', 'int', 'rateLimitAnonymousUsers'],
  ['auth.rate_limit.token_refresh', 'int', 'rateLimitTokenRefresh'],
  ['auth.rate_limit.sign_in_sign_ups', 'int', 'rateLimitOtp'],
  ['auth.rate_limit.token_verifications', 'int', 'rateLimitVerify'],
  ['auth.rate_limit.web3', 'int', 'rateLimitWeb3'],
  ['auth.web3.solana.enabled', 'bool', 'externalWeb3SolanaEnabled'],
  ['auth.web3.ethereum.enabled', 'bool', 'externalWeb3EthereumEnabled'],
  ['auth.email.enable_signup', 'bool', 'externalEmailEnabled'],
  ['auth.email.double_confirm_changes', 'bool', 'mailerSecureEmailChangeEnabled'],
  ['auth.email.enable_confirmations', 'bool', 'mailerAutoconfirm', negate],
  ['auth.email.secure_password_change', 'bool', 'securityUpdatePasswordRequireReauthentication'],
  ['auth.email.max_frequency', 'duration', 'smtpMaxFrequency'],
  ['auth.email.otp_length', 'int', 'mailerOtpLength'],
  ['auth.email.otp_expiry', 'int', 'mailerOtpExp'],
  ['auth.sms.enable_signup', 'bool', 'externalPhoneEnabled'],
  ['auth.sms.enable_confirmations', 'bool', 'smsAutoconfirm', negate],
  ['auth.sms.template', 'str', 'smsTemplate'],
  ['auth.sms.max_frequency', 'duration', 'smsMaxFrequency'],
];

/** auth.password_requirements -> GoTrue's PASSWORD_REQUIRED_CHARACTERS, the CLI's exact strings. */
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
// GoTrue splits on ":" and reads "\:" as a literal colon, which is how the symbol set carries one
const SYMBOLS = '!@#$%^&*()_+-=[]{};\'\\\\:"|<>?,./`~';
export const PASSWORD_REQUIREMENTS: Record<string, string> = {
  '': '',
  letters_digits: `${LOWER}${UPPER}:${DIGITS}`,
  lower_upper_letters_digits: `${LOWER}:${UPPER}:${DIGITS}`,
  lower_upper_letters_digits_symbols: `${LOWER}:${UPPER}:${DIGITS}:${SYMBOLS}`,
};

/** The CLI's SMS providers, in the order it picks the first enabled one. */
const SMS_PROVIDERS = ['twilio', 'twilio_verify', 'messagebird', 'textlocal', 'vonage'];
/** The keys the CLI requires of an enabled provider, in the order it checks them (pkg/config sms.validate). */
const SMS_PROVIDER_TOML_FIELDS: Record<string, string[]> = {
  twilio: ['account_sid', 'message_service_sid', 'auth_token'],
  twilio_verify: ['account_sid', 'message_service_sid', 'auth_token'],
  messagebird: ['originator', 'access_key'],
  textlocal: ['sender', 'api_key'],
  vonage: ['from', 'api_key', 'api_secret'],
};

export function mapSettings(r: Reader): void {
  if (r.read('auth.enabled', 'bool') === false) {
    r.note('auth.enabled = false: `supabase start` would not run GoTrue at all; authlab serves auth anyway');
  }
  for (const [path, kind, key, convert] of DIRECT) {
    const value = r.read(path, kind);
    if (value !== undefined) r.set(key, convert ? convert(value as boolean) : value, path);
  }
  mapUrlsAndSecrets(r);
  for (const chain of ['solana', 'ethereum']) {
    if (r.read(`auth.web3.${chain}.enabled`, 'bool')) {
      r.note(
        `auth.web3.${chain}.enabled = true: authlab cannot verify wallet signatures, so /token?grant_type=web3 ` +
          `for ${chain} answers 422 not_emulated (GoTrue's "disabled" answers for the other chain are exact)`,
      );
    }
  }

  const requirement = r.read('auth.password_requirements', 'str');
  if (requirement !== undefined) {
    const chars = PASSWORD_REQUIREMENTS[requirement];
    if (chars === undefined) {
      const allowed = Object.keys(PASSWORD_REQUIREMENTS).filter(Boolean).join(', ');
      r.problem('auth.password_requirements', `must be "" or one of ${allowed}; got ${JSON.stringify(requirement)}`);
    } else r.set('passwordRequiredCharacters', chars, 'auth.password_requirements');
  }

  // the CLI passes a session limit only when it is above zero
  for (const [path, key] of [
    ['auth.sessions.timebox', 'sessionsTimebox'],
    ['auth.sessions.inactivity_timeout', 'sessionsInactivityTimeout'],
  ] as const) {
    const seconds = r.read(path, 'duration');
    if (seconds) r.set(key, seconds, path);
  }

  mapExternal(r);
  mapMail(r);
  mapSms(r);
  mapMfa(r);
  mapOAuthServer(r);
  mapPasskeys(r);
  mapPorts(r);
}

function mapUrlsAndSecrets(r: Reader) {
  // empty means "the CLI's default": API URL + /auth/v1 for external_url, external_url for jwt_issuer
  const external = r.read('auth.external_url', 'str');
  const apiExternal = r.read('api.external_url', 'str');
  if (external) r.set('apiExternalUrl', external, 'auth.external_url');
  else if (apiExternal) r.set('apiExternalUrl', `${apiExternal.replace(/\/+$/, '')}/auth/v1`, 'api.external_url');
  const issuer = r.read('auth.jwt_issuer', 'str');
  if (issuer) r.set('jwtIssuer', issuer, 'auth.jwt_issuer');
  const secret = r.read('auth.jwt_secret', 'str');
  if (secret) r.set('jwtSecret', secret, 'auth.jwt_secret');
  mapSigningKeys(r);
}

/**
 * [auth] signing_keys_path, as the CLI reads it: relative to the supabase/ directory; the file's
 * keys go to GoTrue and its first key signs the anon and service_role keys. Without it the CLI
 * still hands GoTrue a built-in ES256 key; authlab keeps HS256 unless asked (--signing-keys supabase-cli).
 */
function mapSigningKeys(r: Reader) {
  const given = r.read('auth.signing_keys_path', 'str');
  if (!given) {
    r.note(
      'access tokens are HS256 (the JWT secret); `supabase start` signs them with its built-in ES256 key ' +
        'unless signing_keys_path is set: pass --signing-keys supabase-cli to do the same',
    );
    return;
  }
  const file = isAbsolute(given) ? given : resolve(r.projectDir, 'supabase', given);
  if (!existsSync(file)) r.problem('auth.signing_keys_path', `failed to read signing keys: no file ${file}`);
  else r.set('signingKeys', file, 'auth.signing_keys_path');
}

function mapMail(r: Reader) {
  // as the CLI: a [auth.email.smtp] table without `enabled` is enabled
  const smtpEnabled = r.keys('auth.email.smtp').length > 0 && r.read('auth.email.smtp.enabled', 'bool') !== false;
  const inbucketEnabled = r.read('inbucket.enabled', 'bool') !== false;

  // the CLI lifts GoTrue's mail quota to 360000/hour for its mail catcher, and passes
  // email_sent only when a real SMTP server is configured
  if (smtpEnabled) {
    const sent = r.read('auth.rate_limit.email_sent', 'int');
    if (sent !== undefined) r.set('rateLimitEmailSent', sent, 'auth.rate_limit.email_sent');
  } else if (r.keys('auth.rate_limit').includes('auth.rate_limit.email_sent')) {
    r.skip(
      'auth.rate_limit.email_sent',
      'not applied, as the CLI applies it only with [auth.email.smtp] enabled (otherwise 360000 mails per hour)',
    );
  }

  // the From of every mail: the SMTP settings when enabled, else the mail catcher's
  const from = smtpEnabled ? 'auth.email.smtp' : inbucketEnabled ? 'inbucket' : undefined;
  if (from) {
    const email = r.read(`${from}.admin_email`, 'str');
    if (email !== undefined) r.set('smtpAdminEmail', email, `${from}.admin_email`);
    const name = r.read(`${from}.sender_name`, 'str');
    if (name !== undefined) r.set('smtpSenderName', name, `${from}.sender_name`);
  }

  for (const path of r.keys('auth.email.template')) {
    const [, , , type, field] = path.split('.') as [string, string, string, string, string];
    if (!(EMAIL_TEMPLATE_TYPES as readonly string[]).includes(type)) {
      r.unknown(path, `GoTrue has no "${type}" email template (it has ${EMAIL_TEMPLATE_TYPES.join(', ')})`);
    } else if (field === 'content') {
      r.problem(path, 'please use content_path instead, as the Supabase CLI requires');
    } else if (field === 'subject') {
      const subject = r.read(path, 'str');
      if (subject !== undefined) r.set(`mailerSubjects${pascalCase(type)}` as ConfigKey, subject, path);
    } else {
      const given = r.read(path, 'str');
      if (!given) continue;
      // as the CLI: template paths are relative to the project directory, not to supabase/
      const file = isAbsolute(given) ? given : resolve(r.projectDir, given);
      if (!existsSync(file)) r.problem(path, `template file ${file} does not exist`);
      else r.set(`mailerTemplates${pascalCase(type)}` as ConfigKey, file, path);
    }
  }
}

function mapSms(r: Reader) {
  const provider = SMS_PROVIDERS.find((p) => r.read(`auth.sms.${p}.enabled`, 'bool') === true);
  if (provider) {
    r.set('smsProvider', provider, `auth.sms.${provider}.enabled`);
    // as the CLI, which refuses to start without them; the values reach no provider
    for (const field of SMS_PROVIDER_TOML_FIELDS[provider]!) {
      const at = `auth.sms.${provider}.${field}`;
      const value = r.read(at, 'str');
      if (!value) r.problem(at, `Missing required field in config: ${at} (supabase start refuses to start without it)`);
      else r.set(`sms${pascalCase(provider)}${pascalCase(field)}` as ConfigKey, value, at);
    }
  } else if (r.read('auth.sms.enable_signup', 'bool')) {
    r.note(
      'auth.sms.enable_signup = true with no SMS provider enabled: phone sign-in is off, as `supabase start` ' +
        'turns it off ("no SMS provider is enabled. Disabling phone login"); enable one, e.g. [auth.sms.twilio] enabled = true',
    );
  }

  const codes: Record<string, string> = {};
  for (const path of r.keys('auth.sms.test_otp')) {
    const code = r.read(path, 'str');
    if (code !== undefined) codes[path.slice('auth.sms.test_otp.'.length)] = code;
  }
  if (Object.keys(codes).length) r.set('smsTestOtp', codes, 'auth.sms.test_otp');
}

/** [auth.mfa], for the factors authlab has settings for; the rest is reported as not emulated. */
function mapMfa(r: Reader) {
  const has = (key: string): key is ConfigKey => Object.hasOwn(configSchema.shape, key);
  const apply = (path: string, kind: Kind, key: string) => {
    if (!has(key)) return;
    const value = r.read(path, kind);
    if (value !== undefined) r.set(key, value, path);
  };
  apply('auth.mfa.max_enrolled_factors', 'int', 'mfaMaxEnrolledFactors');
  apply('auth.mfa.totp.enroll_enabled', 'bool', 'mfaTotpEnrollEnabled');
  apply('auth.mfa.totp.verify_enabled', 'bool', 'mfaTotpVerifyEnabled');
  apply('auth.mfa.phone.enroll_enabled', 'bool', 'mfaPhoneEnrollEnabled');
  apply('auth.mfa.phone.verify_enabled', 'bool', 'mfaPhoneVerifyEnabled');
  apply('auth.mfa.web_authn.enroll_enabled', 'bool', 'mfaWebAuthnEnrollEnabled');
  apply('auth.mfa.web_authn.verify_enabled', 'bool', 'mfaWebAuthnVerifyEnabled');
  if (r.read('auth.mfa.web_authn.enroll_enabled', 'bool') && !r.read('auth.mfa.web_authn.verify_enabled', 'bool')) {
    r.problem('auth.mfa.web_authn.enroll_enabled', 'requires verify_enabled, as the Supabase CLI requires');
  }
  if (!has('mfaPhoneTemplate')) return;
  // the CLI passes the phone factor's SMS settings only when phone MFA is on
  const phoneOn = r.read('auth.mfa.phone.enroll_enabled', 'bool') || r.read('auth.mfa.phone.verify_enabled', 'bool');
  const extras = ['template', 'otp_length', 'max_frequency'].filter((k) => r.keys('auth.mfa.phone').includes(`auth.mfa.phone.${k}`));
  if (phoneOn) {
    apply('auth.mfa.phone.template', 'str', 'mfaPhoneTemplate');
    apply('auth.mfa.phone.otp_length', 'int', 'mfaPhoneOtpLength');
    apply('auth.mfa.phone.max_frequency', 'duration', 'mfaPhoneMaxFrequency');
  } else if (extras.length) {
    for (const k of extras) r.skip(`auth.mfa.phone.${k}`);
    r.note(`auth.mfa.phone.{${extras.join(', ')}}: not applied while phone MFA is off, as the CLI passes them only when it is on`);
  }
}

/**
 * [auth.oauth_server], as the CLI passes it: nothing at all unless enabled; then all three keys,
 * an absent authorization_url_path as "" (which GoTrue answers with a server_error redirect).
 * GoTrue joins the path to site_url itself.
 */
function mapOAuthServer(r: Reader) {
  const table = 'auth.oauth_server';
  const rest = [`${table}.authorization_url_path`, `${table}.allow_dynamic_registration`];
  if (r.read(`${table}.enabled`, 'bool') !== true) {
    for (const path of rest) if (r.keys(table).includes(path)) r.skip(path);
    return;
  }
  r.set('oauthServerEnabled', true, `${table}.enabled`);
  r.set('oauthServerAuthorizationPath', r.read(rest[0]!, 'str') ?? '', rest[0]!);
  r.set('oauthServerAllowDynamicRegistration', r.read(rest[1]!, 'bool') ?? false, rest[1]!);
}

/**
 * [auth.passkey] and [auth.webauthn], as the CLI's appendGotruePasskeyEnv: each section, when
 * present, sets all its GOTRUE_ variables (rp_display_name "" if left out); passkeys switched on
 * need the relying party's id and origins, which the CLI checks before starting.
 */
function mapPasskeys(r: Reader) {
  const passkey = r.read('auth.passkey.enabled', 'bool');
  if (passkey !== undefined) r.set('passkeyEnabled', passkey, 'auth.passkey.enabled');
  if (r.keys('auth.webauthn').length) {
    r.set('webauthnRpId', r.read('auth.webauthn.rp_id', 'str') ?? '', 'auth.webauthn.rp_id');
    r.set('webauthnRpDisplayName', r.read('auth.webauthn.rp_display_name', 'str') ?? '', 'auth.webauthn.rp_display_name');
    r.set('webauthnRpOrigins', r.read('auth.webauthn.rp_origins', 'list') ?? [], 'auth.webauthn.rp_origins');
  }
  if (!passkey) return;
  if (!r.keys('auth.webauthn').length) {
    r.problem('auth.passkey.enabled', 'needs an [auth.webauthn] section (rp_id, rp_origins), as the Supabase CLI requires');
    return;
  }
  if (!r.read('auth.webauthn.rp_id', 'str')) r.problem('auth.webauthn.rp_id', 'is required when auth.passkey.enabled is true');
  if (!r.read('auth.webauthn.rp_origins', 'list')?.length) r.problem('auth.webauthn.rp_origins', 'is required when auth.passkey.enabled is true');
}

function mapPorts(r: Reader) {
  const api = r.read('api.port', 'int');
  if (api !== undefined) r.ports.api = api;
  if (r.read('inbucket.enabled', 'bool') === false) {
    r.ports.inbox = 0;
    r.note('inbucket.enabled = false: no inbox on its own port; mail is still captured and readable under /_/inbox');
  } else {
    const inbox = r.read('inbucket.port', 'int');
    if (inbox !== undefined) r.ports.inbox = inbox;
  }
}

/** [auth.external.<provider>] key -> the GoTrue setting suffix the CLI passes it as. */
const EXTERNAL_FIELDS: [key: string, kind: Kind, suffix: string][] = [
  ['client_id', 'list', 'ClientId'],
  ['secret', 'str', 'Secret'],
  ['url', 'str', 'Url'],
  ['redirect_uri', 'str', 'RedirectUri'],
  ['skip_nonce_check', 'bool', 'SkipNonceCheck'],
  ['email_optional', 'bool', 'EmailOptional'],
];

/**
 * [auth.external.<provider>] -> GOTRUE_EXTERNAL_<PROVIDER>_*. Only enabled providers are read, as
 * the CLI only requires (and resolves env() in) their credentials; empty values keep authlab's
 * preset ones, which its fake provider accepts.
 */
function mapExternal(r: Reader) {
  for (const name of OAUTH_PROVIDERS) {
    const table = `auth.external.${name}`;
    if (r.read(`${table}.enabled`, 'bool') !== true) continue;
    const key = (suffix: string) => `external${pascalCase(name)}${suffix}` as ConfigKey;
    r.set(key('Enabled'), true, `${table}.enabled`);
    for (const [field, kind, suffix] of EXTERNAL_FIELDS) {
      const value = r.read(`${table}.${field}`, kind);
      const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      if (!empty) r.set(key(suffix), value, `${table}.${field}`);
    }
  }
}
