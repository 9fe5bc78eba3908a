import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';

/** What the token is checked against: the project's JWT secret (HS256) or a JSON Web Key Set. */
export type VerifyKey = { kind: 'secret'; secret: string } | { kind: 'jwks'; jwks: JSONWebKeySet };

export type Verdict =
  | { kind: 'valid'; alg: string; message: string }
  | { kind: 'expired' | 'not-yet-valid' | 'bad-signature' | 'wrong-alg' | 'no-key' | 'malformed'; message: string };

/** The algorithms GoTrue signs with: the shared secret, or one of the asymmetric signing keys. */
export const ALGORITHMS = ['HS256', 'ES256', 'RS256', 'EdDSA'] as const;

function headerAlg(token: string): string | null {
  try {
    const alg = decodeProtectedHeader(token).alg;
    return typeof alg === 'string' ? alg : null;
  } catch {
    return null;
  }
}

/**
 * Checks a JWT the way a careful API would: only the pinned algorithms, the signature first, then
 * exp and nbf. The verdict names the first thing wrong, so "expired" means the signature is good.
 */
export async function verifyToken(token: string, key: VerifyKey, algorithms: readonly string[], now: Date = new Date()): Promise<Verdict> {
  const alg = headerAlg(token.trim());
  if (!alg) return { kind: 'malformed', message: 'Not a JWT: expected three base64url parts, the first a JSON header with an alg.' };
  // said first: more useful than "not allowed" when the token was simply checked against the wrong kind of key
  if (key.kind === 'jwks' && alg.startsWith('HS')) {
    return { kind: 'no-key', message: `A JWKS has no key for an ${alg} token: a shared secret is never published. Verify it with the JWT secret.` };
  }
  if (!algorithms.includes(alg)) {
    return { kind: 'wrong-alg', message: `The token says alg ${alg}; only ${algorithms.join(', ') || '(none)'} is allowed. A verifier must not let the token choose its algorithm.` };
  }
  if (!token.trim().split('.')[2]) {
    return { kind: 'bad-signature', message: 'The token has no signature (the explorer keeps tokens across reloads without one, so they cannot be replayed).' };
  }
  try {
    const options = { algorithms: [...algorithms], currentDate: now };
    const result =
      key.kind === 'secret'
        ? await jwtVerify(token.trim(), new TextEncoder().encode(key.secret), options)
        : await jwtVerify(token.trim(), createLocalJWKSet(key.jwks), options);
    const by = key.kind === 'secret' ? 'the JWT secret' : `the JWKS key ${result.protectedHeader.kid ?? '(no kid)'}`;
    return { kind: 'valid', alg, message: `signed with ${alg} by ${by}, and within its exp / nbf.` };
  } catch (error) {
    return verdictOf(error, key);
  }
}

function verdictOf(error: unknown, key: VerifyKey): Verdict {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return { kind: 'expired', message: 'The signature is good, but the token has expired (exp is in the past).' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return (error as { claim?: string }).claim === 'nbf'
        ? { kind: 'not-yet-valid', message: 'The signature is good, but the token is not valid yet (nbf is in the future).' }
        : { kind: 'malformed', message: `The signature is good, but a claim is invalid: ${message}` };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return { kind: 'bad-signature', message: key.kind === 'secret' ? 'this secret did not sign the token.' : 'the JWKS key with this kid did not sign the token.' };
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return { kind: 'no-key', message: 'The JWKS has no key matching the token’s kid and alg.' };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return { kind: 'wrong-alg', message };
    default:
      return { kind: 'malformed', message: `Not a valid JWS: ${message}` };
  }
}
