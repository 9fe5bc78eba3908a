import { base64url } from 'jose';
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

/**
 * Whether a verifier answers a stored challenge (S256 or plain), compared in constant time as
 * GoTrue does (subtle.ConstantTimeCompare), for the PKCE grant and the OAuth server's codes alike.
 */
export async function verifierMatches(verifier: string, method: 's256' | 'plain', challenge: string): Promise<boolean> {
  let expected = verifier;
  if (method === 's256') {
    expected = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  }
  return constantTimeEqual(expected, challenge);
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
