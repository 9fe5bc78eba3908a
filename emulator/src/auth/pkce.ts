import { badRequest } from '../errors.js';

const CHALLENGE = /^[a-zA-Z0-9._~-]{43,128}$/;

/** As GoTrue's validatePKCEParams: both or neither, challenge 43-128 unreserved characters. */
export function validatePkceParams(method: string, challenge: string): 'pkce' | 'implicit' {
  if (method === '' && challenge === '') return 'implicit';
  if (method === '' || challenge === '') {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  if (!CHALLENGE.test(challenge)) {
    throw badRequest(
      'validation_failed',
      'code challenge has to be between 43 and 128 characters and only contain alphanumeric characters, -, ., _ and ~',
    );
  }
  return 'pkce';
}
