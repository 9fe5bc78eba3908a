import authSchema from './0001-auth-schema.js';
import capturedMessages from './0002-captured-messages.js';
import flowStateOAuth from './0003-flow-state-oauth.js';
import oauthServer from './0004-oauth-server.js';
import webauthn from './0005-webauthn.js';

/** Forward-only migrations, applied in order; versions are recorded in auth.schema_migrations. */
export const migrations: ReadonlyArray<{ version: string; sql: string }> = [
  { version: '20261123000001', sql: authSchema },
  { version: '20261123000002', sql: capturedMessages },
  { version: '20261123000003', sql: flowStateOAuth },
  { version: '20261123000004', sql: oauthServer },
  { version: '20261123000005', sql: webauthn },
];

/** Tables reset() empties, children first so no foreign key is violated midway. */
export const RESETTABLE_TABLES = [
  'auth.mfa_amr_claims',
  'auth.refresh_tokens',
  'auth.sessions',
  'auth.oauth_consents',
  'auth.oauth_authorizations',
  'auth.oauth_clients',
  'auth.mfa_challenges',
  'auth.mfa_factors',
  'auth.one_time_tokens',
  'auth.flow_state',
  'auth.identities',
  'auth.webauthn_challenges',
  'auth.webauthn_credentials',
  'auth.audit_log_entries',
  'auth.users',
  'authlab.mail',
  'authlab.sms',
] as const;
