/**
 * GoTrue's error codes (internal/api/apierrors/errorcode.go, all 109, in its order) and the one function that renders
 * every error shape GoTrue puts on the wire. Routes throw AuthError; nothing else builds error bodies.
 */

export const ERROR_CODES = [
  'unknown',
  'unexpected_failure',
  'validation_failed',
  'bad_json',
  'email_exists',
  'phone_exists',
  'bad_jwt',
  'not_admin',
  'no_authorization',
  'user_not_found',
  'session_not_found',
  'session_expired',
  'refresh_token_not_found',
  'refresh_token_already_used',
  'flow_state_not_found',
  'flow_state_expired',
  'flow_state_already_used',
  'oauth_client_state_not_found',
  'oauth_client_state_expired',
  'oauth_invalid_state',
  'signup_disabled',
  'user_banned',
  'provider_email_needs_verification',
  'invite_not_found',
  'bad_oauth_state',
  'bad_oauth_callback',
  'oauth_provider_not_supported',
  'unexpected_audience',
  'single_identity_not_deletable',
  'email_conflict_identity_not_deletable',
  'identity_already_exists',
  'email_provider_disabled',
  'phone_provider_disabled',
  'too_many_enrolled_mfa_factors',
  'mfa_factor_name_conflict',
  'mfa_factor_not_found',
  'mfa_ip_address_mismatch',
  'mfa_challenge_expired',
  'mfa_verification_failed',
  'mfa_verification_rejected',
  'insufficient_aal',
  'captcha_failed',
  'saml_provider_disabled',
  'manual_linking_disabled',
  'sms_send_failed',
  'email_not_confirmed',
  'phone_not_confirmed',
  'saml_relay_state_not_found',
  'saml_relay_state_expired',
  'saml_idp_not_found',
  'saml_assertion_no_user_id',
  'saml_assertion_no_email',
  'user_already_exists',
  'sso_provider_not_found',
  'sso_provider_disabled',
  'saml_metadata_fetch_failed',
  'saml_idp_already_exists',
  'sso_domain_already_exists',
  'saml_entity_id_mismatch',
  'conflict',
  'provider_disabled',
  'user_sso_managed',
  'reauthentication_needed',
  'same_password',
  'reauthentication_not_valid',
  'current_password_invalid',
  'current_password_required',
  'otp_expired',
  'otp_disabled',
  'identity_not_found',
  'weak_password',
  'over_request_rate_limit',
  'over_email_send_rate_limit',
  'over_sms_send_rate_limit',
  'bad_code_verifier',
  'anonymous_provider_disabled',
  'hook_timeout',
  'hook_timeout_after_retry',
  'hook_payload_over_size_limit',
  'hook_payload_invalid_content_type',
  'request_timeout',
  'mfa_phone_enroll_not_enabled',
  'mfa_phone_verify_not_enabled',
  'mfa_totp_enroll_not_enabled',
  'mfa_totp_verify_not_enabled',
  'mfa_webauthn_enroll_not_enabled',
  'mfa_webauthn_verify_not_enabled',
  'mfa_verified_factor_exists',
  'invalid_credentials',
  'email_address_not_authorized',
  'email_address_invalid',
  'web3_provider_disabled',
  'web3_unsupported_chain',
  'oauth_dynamic_client_registration_disabled',
  'email_address_not_provided',
  'feature_disabled',
  'oauth_client_not_found',
  'oauth_authorization_not_found',
  'oauth_consent_not_found',
  'request_entity_too_large',
  'custom_provider_not_found',
  'over_custom_provider_quota',
  'passkey_disabled',
  'too_many_passkeys',
  'webauthn_credential_not_found',
  'webauthn_challenge_not_found',
  'webauthn_challenge_expired',
  'webauthn_verification_failed',
  'webauthn_credential_exists',
  // authlab's own, for requests the hosted Supabase gateway refuses before GoTrue sees them
  'no_api_key',
  'invalid_api_key',
  // authlab's own, for a feature that is switched on but that authlab cannot emulate (never sent by GoTrue)
  'not_emulated',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error GoTrue would answer with: HTTP status, error_code and human message. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra top-level fields, e.g. weak_password: { reasons }. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

// One-line factories for the statuses routes use most.
export const badRequest = (code: ErrorCode, msg: string) => new AuthError(400, code, msg);
export const unauthorized = (code: ErrorCode, msg: string) => new AuthError(401, code, msg);
export const forbidden = (code: ErrorCode, msg: string) => new AuthError(403, code, msg);
export const notFound = (code: ErrorCode, msg: string) => new AuthError(404, code, msg);
export const unprocessable = (code: ErrorCode, msg: string) => new AuthError(422, code, msg);
export const tooManyRequests = (code: ErrorCode, msg: string) => new AuthError(429, code, msg);
/** GoTrue's 500 for a failure it reports as such (its NewInternalServerError). */
export const unexpectedFailure = (msg: string) => new AuthError(500, 'unexpected_failure', msg);
/** What GoTrue answers when an error reaches its handler without an HTTP status attached. */
export const UNEXPECTED_FAILURE_MESSAGE = 'Unexpected failure, please check server logs for more information';

/** The response date of GoTrue's first versioned API; clients that send it get `{code, message}` bodies. */
export const API_VERSION_2024_01_01 = '2024-01-01';
const API_VERSION_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The API version a request asked for, if it is a valid date on or after 2024-01-01. */
export function requestedApiVersion(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const m = API_VERSION_RE.exec(header.trim());
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  return date.getTime() >= Date.parse(`${API_VERSION_2024_01_01}T00:00:00Z`) ? API_VERSION_2024_01_01 : undefined;
}

/**
 * Renders an error the way GoTrue does: `{code, error_code, msg}` by default, `{code, message}`
 * when the client speaks the 2024-01-01 API (supabase-js does), always with `x-sb-error-code`.
 */
export function renderError(error: AuthError, apiVersion: string | undefined, requestId?: string): Response {
  const headers = new Headers({ 'content-type': 'application/json' });
  headers.set('x-sb-error-code', error.code);
  let body: Record<string, unknown>;
  if (apiVersion) {
    headers.set('x-supabase-api-version', apiVersion);
    body = { code: error.code, message: error.message, ...error.extra };
  } else {
    body = { code: error.status, error_code: error.code, msg: error.message, ...error.extra };
    if (error.status >= 500 && requestId) body.error_id = requestId;
  }
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** OAuth 2.0 style error body, used where GoTrue answers as an OAuth server. */
export function renderOAuthError(status: number, error: string, description: string): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
