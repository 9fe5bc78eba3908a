import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv, resolveConfig } from '../src/config.js';
import { describeEnvironment } from '../src/env-report.js';
import { loadSupabaseConfig } from '../src/supabase-config.js';
import { freePort, killStrayClis, runCli } from './support/cli.js';

const template = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'supabase-template');

describe('the `supabase init` template, as supabase start reads it', () => {
  it('gives supabase start\'s effective settings: no apikey check, phone off, email autoconfirm, TOTP off', () => {
    const { config, report } = loadSupabaseConfig(template, {});
    const effective = resolveConfig(config);
    expect(effective).toMatchObject({
      requireApiKey: false,
      externalPhoneEnabled: false,
      smsProvider: '',
      externalEmailEnabled: true,
      mailerAutoconfirm: true,
      smsAutoconfirm: true,
      jwtExp: 3600,
      securityRefreshTokenRotationEnabled: true,
      securityRefreshTokenReuseInterval: 10,
      passwordMinLength: 6,
      mfaTotpEnrollEnabled: false,
      mfaPhoneEnrollEnabled: false,
      externalAnonymousUsersEnabled: false,
      siteUrl: 'http://127.0.0.1:3000',
      apiExternalUrl: 'http://127.0.0.1:54321/auth/v1',
    });
    expect(report.unknown).toEqual([]);
    expect(report.applied).toContain('auth.sms.enable_signup -> GOTRUE_EXTERNAL_PHONE_ENABLED=false');
    // the template's Twilio section is off, its auth_token an unset env(): reported, never an error
    expect(report.unsupported.join('\n')).toContain('auth.sms.twilio (disabled)');
  });
});

describe('a docker-compose GoTrue environment', () => {
  // the shape of supabase/docker's docker-compose.yml auth service, plus a typo
  const env = {
    GOTRUE_API_HOST: '0.0.0.0',
    GOTRUE_API_PORT: '9999',
    API_EXTERNAL_URL: 'http://localhost:8000',
    GOTRUE_DB_DRIVER: 'postgres',
    GOTRUE_DB_DATABASE_URL: 'postgres://supabase_auth_admin:secret@db:5432/postgres',
    GOTRUE_SITE_URL: 'http://localhost:3000',
    GOTRUE_URI_ALLOW_LIST: '',
    GOTRUE_DISABLE_SIGNUP: 'false',
    GOTRUE_JWT_ADMIN_ROLES: 'service_role',
    GOTRUE_JWT_AUD: 'authenticated',
    GOTRUE_JWT_DEFAULT_GROUP_NAME: 'authenticated',
    GOTRUE_JWT_EXP: '3600',
    GOTRUE_JWT_SECRET: 'your-super-secret-jwt-token-with-at-least-32-characters-long',
    GOTRUE_EXTERNAL_EMAIL_ENABLED: 'true',
    GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED: 'false',
    GOTRUE_MAILER_AUTOCONFIRM: 'false',
    GOTRUE_SMTP_ADMIN_EMAIL: 'admin@example.com',
    GOTRUE_SMTP_HOST: 'supabase-mail',
    GOTRUE_SMTP_PORT: '2500',
    GOTRUE_SMTP_USER: 'fake_mail_user',
    GOTRUE_SMTP_PASS: 'fake_mail_password',
    GOTRUE_SMTP_SENDER_NAME: 'fake_sender',
    GOTRUE_MAILER_URLPATHS_INVITE: '/auth/v1/verify',
    GOTRUE_EXTERNAL_PHONE_ENABLED: 'true',
    GOTRUE_SMS_AUTOCONFIRM: 'true',
    GOTRUE_SMS_PROVIDER: 'twilio',
    GOTRUE_SMS_TWILIO_AUTH_TOKEN: 'twilio-token',
    GOTRUE_SMS_TWILIO_MESSAGE_SERVICE_SID: 'MG1',
    GOTRUE_OPERATOR_TOKEN: 'operator-token',
    GOTRUE_COOKIE_KEY: 'sb',
    GOTRUE_LOG_LEVEL: 'debug',
    DB_NAMESPACE: 'auth',
    GOTRUE_MAILER_AUTOCONFRIM: 'true',
    PATH: '/usr/bin',
  };

  it('takes GoTrue\'s settings, and phone stays on with the Twilio provider', () => {
    const config = resolveConfig(configFromEnv(env));
    expect(config).toMatchObject({
      siteUrl: 'http://localhost:3000',
      apiExternalUrl: 'http://localhost:8000',
      jwtSecret: env.GOTRUE_JWT_SECRET,
      jwtAdminRoles: ['service_role'],
      mailerAutoconfirm: false,
      smtpAdminEmail: 'admin@example.com',
      smtpSenderName: 'fake_sender',
      externalPhoneEnabled: true,
      smsProvider: 'twilio',
      requireApiKey: false,
    });
  });

  it('reports every variable: applied, not emulated, unknown, and the provider GoTrue would refuse', () => {
    const report = describeEnvironment(env);
    expect(report.applied).toEqual(
      expect.arrayContaining([
        'GOTRUE_API_HOST=0.0.0.0 (the address to bind, as GoTrue)',
        'GOTRUE_API_PORT=9999 (the port to listen on, as GoTrue)',
        'API_EXTERNAL_URL=http://localhost:8000',
        'GOTRUE_MAILER_AUTOCONFIRM=false',
        'GOTRUE_SMS_PROVIDER=twilio',
        'GOTRUE_JWT_SECRET=(set, not shown)',
        'GOTRUE_SMS_TWILIO_AUTH_TOKEN=(set, not shown)',
      ]),
    );
    expect(report.applied.join('\n')).not.toContain('twilio-token');
    expect(report.unsupported).toEqual(
      expect.arrayContaining([
        'GOTRUE_SMTP_HOST: authlab never sends mail: every mail lands in its Mailpit-compatible inbox',
        'GOTRUE_SMTP_PASS: authlab never sends mail: every mail lands in its Mailpit-compatible inbox',
        'GOTRUE_DB_DRIVER: authlab keeps its own database (PGlite, or --database-url)',
        'GOTRUE_OPERATOR_TOKEN: authlab has no operator API',
        "GOTRUE_COOKIE_KEY: GoTrue's cookie sessions are not emulated",
        'GOTRUE_LOG_LEVEL: authlab logs only start-up and unexpected errors',
        "DB_NAMESPACE: authlab's tables are always in the auth schema",
      ]),
    );
    expect(report.unknown).toEqual([
      'GOTRUE_MAILER_AUTOCONFRIM: not a GoTrue setting authlab knows (did you mean GOTRUE_MAILER_AUTOCONFIRM?)',
    ]);
    expect(report.notes).toEqual([
      'GOTRUE_SMS_PROVIDER=twilio: missing twilio account sid, so every SMS code answers 500 "Unable to get SMS provider", as GoTrue would (test OTPs still work)',
    ]);
    expect(JSON.stringify(report)).not.toContain('/usr/bin'); // variables that are not GoTrue's are none of its business
  });
});

describe('the CLI with a docker-compose environment', () => {
  afterEach(killStrayClis);

  it('listens on GOTRUE_API_HOST / GOTRUE_API_PORT and prints the report at start-up', async () => {
    const port = await freePort();
    const run = runCli([], { GOTRUE_API_HOST: '127.0.0.1', GOTRUE_API_PORT: String(port), GOTRUE_SMTP_HOST: 'mail', GOTRUE_COOKIE_KEY: 'sb' });
    await run.ready;
    expect(run.output()).toContain(`API URL: http://127.0.0.1:${port}`);
    expect(run.output()).toContain('authlab: read the environment');
    expect(run.output()).toContain(`GOTRUE_API_PORT=${port} (the port to listen on, as GoTrue)`);
    expect(run.output()).toContain('GOTRUE_SMTP_HOST: authlab never sends mail');
    expect((await fetch(`http://127.0.0.1:${port}/auth/v1/health`)).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });
});
