import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/config.js';
import { loadSupabaseConfig } from '../src/supabase-config.js';
import { uniqueEmail, useEmulator } from './support/emulator.js';
import { latestMail, latestSms } from './support/mail.js';

const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name);
/** The variables the CLI's test config names: its callback URL and the enabled Azure provider's credentials. */
const CLI_TESTDATA_ENV = { AUTH_CALLBACK_URL: 'http://localhost:3000/cb', AZURE_CLIENT_ID: 'azure-client', AZURE_SECRET: 'azure-secret' };

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway project: supabase/config.toml plus any other files, paths relative to the project. */
function project(toml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-supabase-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'supabase'));
  writeFileSync(join(dir, 'supabase', 'config.toml'), toml);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function loadError(path: string, env: Record<string, string> = {}): string {
  try {
    loadSupabaseConfig(path, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected loadSupabaseConfig to fail');
}

describe('reading supabase/config.toml', () => {
  it('loads the CLI template (`supabase init`) with no unknown key and exactly authlab\'s defaults', () => {
    const { config, ports, report } = loadSupabaseConfig(fixture('supabase-template'), {});
    expect(report.unknown).toEqual([]);
    expect(resolveConfig(config)).toEqual(resolveConfig({}));
    expect(ports).toEqual({ api: 54321, inbox: 54324 });
    expect(report.applied).toContain('auth.email.enable_confirmations -> GOTRUE_MAILER_AUTOCONFIRM=true');
    expect(report.applied).toContain('auth.enable_signup -> GOTRUE_DISABLE_SIGNUP=false');
    // the template's env(...) secrets sit in sections authlab does not read: no error for them
    expect(report.unsupported).toContain("auth.external.apple (disabled): read only when enabled; authlab's fake identity provider then stands in for it");
    expect(report.unsupported).toContain('[db]: not an auth setting; ignored');
    expect(report.unsupported.filter((l) => l.startsWith('[storage]'))).toHaveLength(1);
    // as the CLI: email_sent only counts with a real SMTP server
    expect(config).not.toHaveProperty('rateLimitEmailSent');
    expect(report.notes.join('\n')).toMatch(/auth\.rate_limit\.email_sent: not applied.*\[auth\.email\.smtp\]/);
  });

  it('knows every key of the CLI\'s own test config, and flags the features it switches on', () => {
    const { config, report } = loadSupabaseConfig(fixture('cli-testdata'), CLI_TESTDATA_ENV);
    expect(report.unknown).toEqual([]);
    expect(report.unsupported).toEqual(
      expect.arrayContaining([
        'auth.hook.custom_access_token (enabled): auth hooks are not emulated yet; authlab behaves as if the hook were off',
        'auth.email.smtp (enabled): authlab never sends mail: every mail lands in its Mailpit-compatible inbox',
        'auth.captcha (enabled): CAPTCHA verification is not emulated',
        '[remotes]: not an auth setting; ignored',
      ]),
    );
    expect(config).toMatchObject({
      externalAzureEnabled: true,
      externalAzureClientId: ['azure-client'],
      externalAzureSecret: 'azure-secret',
      externalAzureUrl: 'https://login.microsoftonline.com/tenant',
      externalAzureSkipNonceCheck: true,
      externalAzureEmailOptional: true,
      uriAllowList: ['https://127.0.0.1:3000', 'http://localhost:3000/cb'],
      rateLimitEmailSent: 2, // SMTP is on, so the CLI passes email_sent
      smtpAdminEmail: 'admin@email.com', // From comes from [auth.email.smtp] when it is on
      smsProvider: 'twilio',
      smsTestOtp: { '4152127777': '123456' },
      sessionsTimebox: 24 * 60 * 60,
      sessionsInactivityTimeout: 8 * 60 * 60,
    });
    expect(config.mailerTemplatesInvite).toBe(join(fixture('cli-testdata'), 'supabase', 'templates', 'invite.html'));
  });

  it('maps a customised project the way the CLI maps it to GoTrue', () => {
    const { config, ports, report } = loadSupabaseConfig(fixture('custom'), {});
    expect(report.unknown).toEqual([]);
    expect(ports).toEqual({ api: 55321, inbox: 55324 });
    expect(config).toMatchObject({
      siteUrl: 'http://localhost:5173',
      uriAllowList: ['http://localhost:5173/**', 'https://preview.example.test/**'],
      jwtExp: 600,
      securityRefreshTokenReuseInterval: 5,
      externalAnonymousUsersEnabled: true,
      passwordMinLength: 8,
      passwordRequiredCharacters: 'abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789',
      mailerAutoconfirm: false,
      mailerSecureEmailChangeEnabled: false,
      securityUpdatePasswordRequireReauthentication: true,
      smtpMaxFrequency: 30,
      mailerOtpLength: 8,
      mailerOtpExp: 15 * 60,
      mailerSubjectsConfirmation: 'Welcome to Example: confirm your email',
      mailerTemplatesConfirmation: join(fixture('custom'), 'supabase', 'templates', 'confirmation.html'),
      mailerSubjectsRecovery: 'Reset your Example password',
      externalPhoneEnabled: true,
      smsAutoconfirm: false,
      smsTemplate: 'Your Example code is {{ .Code }}',
      smsMaxFrequency: 10,
      smsTestOtp: { '15550001111': '424242' },
      sessionsTimebox: 24 * 60 * 60,
      sessionsInactivityTimeout: 8 * 60 * 60,
      rateLimitSmsSent: 10,
      rateLimitAnonymousUsers: 20,
      rateLimitTokenRefresh: 300,
      rateLimitOtp: 60,
      rateLimitVerify: 45,
      smtpAdminEmail: 'noreply@example.test',
      smtpSenderName: 'Example App',
    });
    expect(config).not.toHaveProperty('rateLimitEmailSent');
    expect(report.applied).toEqual(
      expect.arrayContaining([
        'auth.email.enable_confirmations -> GOTRUE_MAILER_AUTOCONFIRM=false',
        'auth.sms.enable_confirmations -> GOTRUE_SMS_AUTOCONFIRM=false',
        'auth.rate_limit.sign_in_sign_ups -> GOTRUE_RATE_LIMIT_OTP=60',
        'auth.sms.test_otp -> GOTRUE_SMS_TEST_OTP=15550001111:424242',
        'auth.sessions.timebox -> GOTRUE_SESSIONS_TIMEBOX=86400',
      ]),
    );
    expect(report.applied).toContain('auth.rate_limit.web3 -> GOTRUE_RATE_LIMIT_WEB3=30');
    // its Twilio provider keeps phone sign-in on; the token is read from supabase/.env and never printed
    expect(config).toMatchObject({ smsProvider: 'twilio', smsTwilioAccountSid: 'ACexample', smsTwilioAuthToken: 'example-twilio-token' });
    expect(resolveConfig(config).externalPhoneEnabled).toBe(true);
    expect(report.applied).toContain('auth.sms.twilio.auth_token -> GOTRUE_SMS_TWILIO_AUTH_TOKEN=(set, not shown)');
    expect(report.applied.join('\n')).not.toContain('example-twilio-token');
  });

  it('turns phone sign-in off without an SMS provider, as supabase start does, and says so', () => {
    const { config, report } = loadSupabaseConfig(project('[auth.sms]\nenable_signup = true\n'), {});
    expect(resolveConfig(config).externalPhoneEnabled).toBe(false);
    expect(report.notes.join('\n')).toContain('auth.sms.enable_signup = true with no SMS provider enabled: phone sign-in is off');
  });

  it('refuses an enabled SMS provider with a required field missing, naming it as the CLI does', () => {
    const toml = '[auth.sms]\nenable_signup = true\n[auth.sms.twilio]\nenabled = true\nmessage_service_sid = "MG1"\nauth_token = "t"\n';
    expect(loadError(project(toml))).toContain('Missing required field in config: auth.sms.twilio.account_sid');
  });

  it('maps [auth.mfa] as the CLI passes it to GoTrue', () => {
    const custom = loadSupabaseConfig(fixture('custom'), {});
    expect(custom.config).toMatchObject({ mfaTotpEnrollEnabled: true, mfaTotpVerifyEnabled: true });
    const testdata = loadSupabaseConfig(fixture('cli-testdata'), CLI_TESTDATA_ENV);
    expect(testdata.config).toMatchObject({ mfaPhoneEnrollEnabled: true, mfaPhoneOtpLength: 6, mfaPhoneMaxFrequency: 5 });
    expect(testdata.config).toMatchObject({ mfaWebAuthnEnrollEnabled: true, mfaWebAuthnVerifyEnabled: true });
    // the phone factor's SMS settings only travel when phone MFA is on
    const template = loadSupabaseConfig(fixture('supabase-template'), {});
    expect(template.config).not.toHaveProperty('mfaPhoneTemplate');
    expect(template.report.notes.join('\n')).toMatch(/auth\.mfa\.phone\.\{template, otp_length, max_frequency\}: not applied/);
  });

  it('maps [auth.passkey] and [auth.webauthn] as the CLI passes them, and refuses passkeys without a relying party', () => {
    const on = loadSupabaseConfig(
      project('[auth.passkey]\nenabled = true\n\n[auth.webauthn]\nrp_id = "localhost"\nrp_origins = ["http://localhost:3000"]\n'),
      {},
    );
    expect(on.config).toMatchObject({
      passkeyEnabled: true, webauthnRpId: 'localhost', webauthnRpDisplayName: '', webauthnRpOrigins: ['http://localhost:3000'],
    });
    expect(on.report.applied).toContain('auth.webauthn.rp_origins -> GOTRUE_WEBAUTHN_RP_ORIGINS=http://localhost:3000');
    expect(loadError(project('[auth.passkey]\nenabled = true\n'))).toMatch(/auth\.passkey\.enabled in .*needs an \[auth\.webauthn\] section/);
    expect(loadError(project('[auth.passkey]\nenabled = true\n\n[auth.webauthn]\nrp_id = "localhost"\n'))).toMatch(
      /auth\.webauthn\.rp_origins in .*is required when auth\.passkey\.enabled is true/,
    );
    expect(loadError(project('[auth.mfa.web_authn]\nenroll_enabled = true\n'))).toMatch(/auth\.mfa\.web_authn\.enroll_enabled in .*requires verify_enabled/);
  });

  it('maps [auth.web3.*] as the CLI passes it, and says a chain switched on cannot be verified', () => {
    const off = loadSupabaseConfig(fixture('supabase-template'), {});
    expect(off.config).toMatchObject({ externalWeb3SolanaEnabled: false });
    expect(off.report.notes.join('\n')).not.toMatch(/web3/);
    const on = loadSupabaseConfig(project('[auth.web3.solana]\nenabled = true\n[auth.web3.ethereum]\nenabled = false\n'), {});
    expect(on.config).toMatchObject({ externalWeb3SolanaEnabled: true, externalWeb3EthereumEnabled: false });
    expect(on.report.applied).toContain('auth.web3.solana.enabled -> GOTRUE_EXTERNAL_WEB3_SOLANA_ENABLED=true');
    expect(on.report.notes.join('\n')).toMatch(/auth\.web3\.solana\.enabled = true: authlab cannot verify wallet signatures/);
  });

  it('maps password_requirements to GoTrue\'s character sets exactly as the CLI does', () => {
    const chars = (requirement: string) =>
      loadSupabaseConfig(project(`[auth]\npassword_requirements = "${requirement}"\n`), {}).config.passwordRequiredCharacters;
    expect(chars('')).toBe('');
    expect(chars('letters_digits')).toBe('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789');
    expect(chars('lower_upper_letters_digits_symbols')).toBe(
      'abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789:!@#$%^&*()_+-=[]{};\'\\\\:"|<>?,./`~',
    );
    expect(loadError(project('[auth]\npassword_requirements = "strong"\n'))).toMatch(
      /auth\.password_requirements in .*must be "" or one of letters_digits, lower_upper_letters_digits, lower_upper_letters_digits_symbols/,
    );
  });

  it('fills env(VAR) from the environment first, then supabase/.env, and keeps the literal of a missing variable with a warning', () => {
    const fromDotenv = loadSupabaseConfig(fixture('custom'), {});
    expect(fromDotenv.report.notes).toContain('read env(...) values from supabase/.env');
    const fromEnv = loadSupabaseConfig(fixture('custom'), { APP_URL: 'http://app.test:8080' });
    expect(fromEnv.config.siteUrl).toBe('http://app.test:8080');

    const dir = project('[auth]\nsite_url = "env(MY_SITE_URL)"\nadditional_redirect_urls = ["env(MY_REDIRECT)"]\n', {
      '.env': 'MY_REDIRECT=http://localhost:3000/**\n',
    });
    expect(loadSupabaseConfig(dir, { MY_SITE_URL: 'http://localhost:3000' }).config).toMatchObject({
      siteUrl: 'http://localhost:3000',
      uriAllowList: ['http://localhost:3000/**'], // the project directory's .env counts too, as in the CLI
    });
    // as the CLI: the literal stays and the start goes on; here it then fails authlab's URL check, named by its key
    const unsetToml = project('[auth]\nsite_url = "http://localhost:3000"\n[auth.email.template.invite]\nsubject = "env(INVITE_SUBJECT)"\n');
    const unset = loadSupabaseConfig(unsetToml, {});
    expect(unset.config.mailerSubjectsInvite).toBe('env(INVITE_SUBJECT)');
    expect(unset.report.notes).toContain(
      'auth.email.template.invite.subject: the environment variable INVITE_SUBJECT is not set in the environment, so it keeps the literal "env(INVITE_SUBJECT)", as the Supabase CLI does',
    );
    const message = loadError(dir);
    expect(message).toContain('auth.site_url in ');
    expect(message).toContain('siteUrl (GOTRUE_SITE_URL): must be an absolute URL');
  });

  it('reports typos as unknown keys, with the key that was probably meant', () => {
    const { report, config } = loadSupabaseConfig(
      project(
        [
          '[auth]',
          'site_ur = "http://localhost:3000"',
          '[auth.email]',
          'enable_confirmation = true',
          '[auth.email.template.confirm]',
          'subject = "Hi"',
          '[atuh]',
          'enabled = true',
        ].join('\n'),
      ),
      {},
    );
    expect(report.unknown).toEqual([
      'auth.site_ur: not a Supabase CLI setting (did you mean site_url?)',
      'auth.email.enable_confirmation: not a Supabase CLI setting (did you mean enable_confirmations?)',
      'atuh: not a Supabase CLI setting (did you mean auth?)',
      'auth.email.template.confirm.subject: GoTrue has no "confirm" email template (it has invite, confirmation, recovery, magic_link, email_change, reauthentication)',
    ]);
    expect(config).toEqual({});
  });

  it('gives authlab\'s readable errors for bad values, naming the config.toml key', () => {
    expect(loadError(project('[auth]\njwt_expiry = 0\n'))).toMatch(/auth\.jwt_expiry in .* -> jwtExp \(GOTRUE_JWT_EXP\): .*got 0/);
    expect(loadError(project('[auth]\nsite_url = "localhost"\n'))).toMatch(/auth\.site_url in .* -> siteUrl \(GOTRUE_SITE_URL\): must be an absolute URL/);
    expect(loadError(project('[auth.email]\nenable_confirmations = "yes"\n'))).toMatch(/auth\.email\.enable_confirmations in .*must be true or false/);
    expect(loadError(project('[auth.sms]\nmax_frequency = 5\n'))).toMatch(/auth\.sms\.max_frequency in .*must be a duration string/);
    expect(loadError(project('[auth.email.template.invite]\ncontent_path = "./supabase/templates/nope.html"\n'))).toMatch(
      /auth\.email\.template\.invite\.content_path in .*nope\.html does not exist/,
    );
    expect(loadError(project('[auth]\nsite_url = \n'))).toMatch(/is not valid TOML/);
    expect(loadError(join(tmpdir(), 'authlab-no-such-project'))).toMatch(/no Supabase project at/);
  });

  it('lets GOTRUE_* variables beat config.toml, and SUPABASE_AUTH_* replace a key as the CLI does', () => {
    const { config, report } = loadSupabaseConfig(fixture('custom'), {
      GOTRUE_JWT_EXP: '120',
      SUPABASE_AUTH_EMAIL_ENABLE_CONFIRMATIONS: 'false',
    });
    expect(resolveConfig(config)).toMatchObject({ jwtExp: 120, mailerAutoconfirm: true });
    expect(report.notes).toContain('auth.jwt_expiry overridden by GOTRUE_JWT_EXP=120 from the environment');
    expect(report.notes).toContain('auth.email.enable_confirmations taken from SUPABASE_AUTH_EMAIL_ENABLE_CONFIRMATIONS, as the Supabase CLI does');
  });

  it('turns the separate inbox port off when [inbucket] is disabled', () => {
    const { ports, report } = loadSupabaseConfig(project('[inbucket]\nenabled = false\nport = 54324\n'), {});
    expect(ports.inbox).toBe(0);
    expect(report.notes.join('\n')).toMatch(/inbucket\.enabled = false/);
  });
});

describe('an emulator started from a config.toml honours it', () => {
  const { config } = loadSupabaseConfig(fixture('custom'), {});
  const t = useEmulator({ config });

  it('reports the settings on GET /settings', async () => {
    const res = await t.auth('/settings');
    expect(await res.json()).toMatchObject({
      mailer_autoconfirm: false,
      phone_autoconfirm: false,
      disable_signup: false,
      external: { email: true, phone: true, anonymous_users: true },
    });
  });

  it('asks for email confirmation with the project\'s own subject, body and sender', async () => {
    const email = uniqueEmail();
    const { data, error } = await t.client().auth.signUp({ email, password: 'Secret123' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('Welcome to Example: confirm your email');
    expect(mail.HTML).toContain(`Hi ${email}, <a href="`);
    expect((mail as unknown as { From: { Name: string; Address: string } }).From).toEqual({
      Name: 'Example App',
      Address: 'noreply@example.test',
    });
  });

  it('enforces minimum_password_length and password_requirements', async () => {
    const short = await t.client().auth.signUp({ email: uniqueEmail(), password: 'Ab1' });
    expect(short.error).toMatchObject({ status: 422, code: 'weak_password' });
    const noUpper = await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret1234' });
    expect(noUpper.error).toMatchObject({ status: 422, code: 'weak_password' });
  });

  it('confirms a phone with its test_otp code and issues tokens that last jwt_expiry', async () => {
    const phone = '+15550001111';
    const signUp = await t.client().auth.signUp({ phone, password: 'Secret123' });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull(); // enable_confirmations = true for SMS
    await expect(latestSms(t, phone)).rejects.toThrow(); // test numbers are never texted
    const { data, error } = await t.client().auth.verifyOtp({ phone, token: '424242', type: 'sms' });
    expect(error).toBeNull();
    // a second may tick over between signing and answering, as in GoTrue
    expect([600 - 1, 600]).toContain(data.session!.expires_in);
  });
});
