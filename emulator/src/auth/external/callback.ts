import { AuthError, badRequest } from '../../errors.js';
import { oauthErrorForStatus } from '../../go/oauth-errors.js';

/**
 * An error the provider reported, or GoTrue's OAuthError: rendered as `error` and
 * `error_description` only (no error_code), in redirects and in /token bodies.
 */
export class OAuthFailure extends Error {
  constructor(readonly error: string, readonly description: string) {
    super(description);
    this.name = 'OAuthFailure';
  }
}

/** GoTrue's getErrorQueryString: which `error` an AuthError becomes in a redirect. */
export function oauthErrorName(e: AuthError): string {
  if (e.code === 'signup_disabled' || e.code === 'user_banned' || e.code === 'provider_email_needs_verification') return 'access_denied';
  return oauthErrorForStatus(e.status) ?? 'server_error';
}

export const missingCode = () => badRequest('bad_oauth_callback', 'OAuth callback with missing authorization code missing');
