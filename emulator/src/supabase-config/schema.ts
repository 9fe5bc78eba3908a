/**
 * The keys the Supabase CLI accepts in supabase/config.toml, read from its config structs
 * (apps/cli-go/pkg/config/config.go, api.go, auth.go at the CLI release authlab follows). The CLI
 * refuses a file with any other key, so a key missing here is a typo or a setting of a newer CLI.
 *
 * Only the sections authlab reads ([auth], [api], [inbucket]) are described key by key; the others
 * are named so they can be reported once as "not an auth setting".
 */

import { closestName } from '../config.js';

/** A value, a table of known keys, or a table whose keys the user names (`'*'`). */
export type Shape = 'value' | { readonly [key: string]: Shape };

const V = 'value' as const;
const named = (shape: Shape): Shape => ({ '*': shape });

const factor = { enroll_enabled: V, verify_enabled: V };
const hook = { enabled: V, uri: V, secrets: V };
const template = { subject: V, content: V, content_path: V };

const AUTH: Shape = {
  enabled: V,
  site_url: V,
  external_url: V,
  additional_redirect_urls: V,
  jwt_expiry: V,
  jwt_issuer: V,
  enable_refresh_token_rotation: V,
  refresh_token_reuse_interval: V,
  enable_manual_linking: V,
  enable_signup: V,
  enable_anonymous_sign_ins: V,
  minimum_password_length: V,
  password_requirements: V,
  signing_keys_path: V,
  passkey: { enabled: V },
  webauthn: { rp_display_name: V, rp_id: V, rp_origins: V },
  rate_limit: {
    anonymous_users: V,
    token_refresh: V,
    sign_in_sign_ups: V,
    token_verifications: V,
    email_sent: V,
    sms_sent: V,
    web3: V,
  },
  captcha: { enabled: V, provider: V, secret: V },
  hook: {
    mfa_verification_attempt: hook,
    password_verification_attempt: hook,
    custom_access_token: hook,
    send_sms: hook,
    send_email: hook,
    before_user_created: hook,
  },
  mfa: {
    totp: factor,
    phone: { ...factor, otp_length: V, template: V, max_frequency: V },
    web_authn: factor,
    max_enrolled_factors: V,
  },
  sessions: { timebox: V, inactivity_timeout: V },
  email: {
    enable_signup: V,
    double_confirm_changes: V,
    enable_confirmations: V,
    secure_password_change: V,
    template: named(template),
    notification: named({ enabled: V, ...template }),
    smtp: { enabled: V, host: V, port: V, user: V, pass: V, admin_email: V, sender_name: V },
    max_frequency: V,
    otp_length: V,
    otp_expiry: V,
  },
  sms: {
    enable_signup: V,
    enable_confirmations: V,
    template: V,
    twilio: { enabled: V, account_sid: V, message_service_sid: V, auth_token: V },
    twilio_verify: { enabled: V, account_sid: V, message_service_sid: V, auth_token: V },
    messagebird: { enabled: V, originator: V, access_key: V },
    textlocal: { enabled: V, sender: V, api_key: V },
    vonage: { enabled: V, from: V, api_key: V, api_secret: V },
    test_otp: named(V),
    max_frequency: V,
  },
  external: named({
    enabled: V,
    client_id: V,
    secret: V,
    url: V,
    redirect_uri: V,
    skip_nonce_check: V,
    email_optional: V,
  }),
  web3: { solana: { enabled: V }, ethereum: { enabled: V } },
  oauth_server: { enabled: V, allow_dynamic_registration: V, authorization_url_path: V },
  publishable_key: V,
  secret_key: V,
  jwt_secret: V,
  anon_key: V,
  service_role_key: V,
  third_party: {
    firebase: { enabled: V, project_id: V },
    auth0: { enabled: V, tenant: V, tenant_region: V },
    aws_cognito: { enabled: V, user_pool_id: V, user_pool_region: V },
    clerk: { enabled: V, domain: V },
    workos: { enabled: V, issuer_url: V },
  },
};

const API: Shape = {
  enabled: V,
  schemas: V,
  extra_search_path: V,
  max_rows: V,
  auto_expose_new_tables: V,
  port: V,
  tls: { enabled: V, cert_path: V, key_path: V },
  external_url: V,
};

const INBUCKET: Shape = { enabled: V, port: V, smtp_port: V, pop3_port: V, admin_email: V, sender_name: V };

/** Sections authlab reads key by key. */
export const DESCRIBED_SECTIONS: Readonly<Record<string, Shape>> = { auth: AUTH, api: API, inbucket: INBUCKET };

/** The CLI's other top-level sections: valid, and nothing to do with auth. */
export const OTHER_SECTIONS = ['db', 'realtime', 'studio', 'storage', 'edge_runtime', 'functions', 'analytics', 'experimental', 'remotes'];

/** GoTrue's email templates ([auth.email.template.<type>]); other names reach no mail. */
export const EMAIL_TEMPLATE_TYPES = ['invite', 'confirmation', 'recovery', 'magic_link', 'email_change', 'reauthentication'] as const;

export type Table = Record<string, unknown>;

export const isTable = (v: unknown): v is Table =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

export function unknownKey(path: string, key: string, siblings: string[]): string {
  const near = closestName(key, siblings.filter((s) => s !== '*'));
  return `${path}: not a Supabase CLI setting${near ? ` (did you mean ${near}?)` : ''}`;
}

/**
 * Flattens a table against its shape: known values land in `out` under dotted paths
 * (auth.email.template.invite.subject), everything else is described in `unknown`.
 */
export function flatten(table: Table, shape: Shape, path: string, out: Map<string, unknown>, unknown: string[]): void {
  if (shape === 'value') return;
  for (const [key, value] of Object.entries(table)) {
    const at = `${path}.${key}`;
    const child = Object.hasOwn(shape, key) ? shape[key] : shape['*'];
    if (!child) unknown.push(unknownKey(at, key, Object.keys(shape)));
    else if (child === 'value') {
      if (isTable(value)) unknown.push(`${at}: not a Supabase CLI table (it takes a value)`);
      else out.set(at, value);
    } else if (!isTable(value)) unknown.push(`${at}: expected a table ([${at}]), found a value`);
    else flatten(value, child, at, out, unknown);
  }
}

