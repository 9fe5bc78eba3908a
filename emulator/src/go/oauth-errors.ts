/** GoTrue's OAuth-style error names, by HTTP status (api/errors.go oauthErrorMap). */
const OAUTH_ERROR: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized_client',
  403: 'access_denied',
  500: 'server_error',
  503: 'temporarily_unavailable',
};

/** The OAuth `error` name of a status, or undefined for a status the map does not know. */
export const oauthErrorForStatus = (status: number): string | undefined => OAUTH_ERROR[status];
