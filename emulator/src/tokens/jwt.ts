import { jwtVerify, SignJWT, errors as joseErrors, type JWTPayload } from 'jose';

/**
 * HS256 only: GoTrue signs and verifies with the shared secret unless asymmetric keys are set up.
 * The algorithm is pinned on verification, so `alg: none` and RS/HS confusion never pass.
 */
export interface JwtKeys {
  sign(payload: Record<string, unknown>): Promise<string>;
  /** Verifies signature and expiry against `now`; throws JwtInvalid with a readable reason. */
  verify(token: string, now: Date): Promise<JWTPayload & Record<string, unknown>>;
}

export class JwtInvalid extends Error {}

export function hs256Keys(secret: string): JwtKeys {
  const key = new TextEncoder().encode(secret);
  return {
    // The payload is serialised in the order given, so callers control GoTrue's claim order.
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key),
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now });
        return payload as JWTPayload & Record<string, unknown>;
      } catch (e) {
        // the wording of golang-jwt, which GoTrue puts after "invalid JWT: unable to parse or verify signature, "
        if (e instanceof joseErrors.JWTExpired) throw new JwtInvalid('token has invalid claims: token is expired');
        if (e instanceof joseErrors.JWTClaimValidationFailed) throw new JwtInvalid(`token has invalid claims: ${e.message}`);
        if (e instanceof joseErrors.JOSEAlgNotAllowed) throw new JwtInvalid('token is unverifiable: signing method is invalid');
        if (e instanceof joseErrors.JWSSignatureVerificationFailed) throw new JwtInvalid('token signature is invalid: signature is invalid');
        if (e instanceof joseErrors.JOSEError) throw new JwtInvalid('token is malformed: could not base64 decode or parse the token');
        throw e;
      }
    },
  };
}
