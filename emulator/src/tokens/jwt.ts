import { compactVerify, importJWK, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { secretKeySet, type Jwk, type KeyKind, type KeySet, type SigningKey, type VerificationKey } from './keys.js';

/**
 * Signing and verification as GoTrue's parseJWTClaims (internal/api/auth.go) over golang-jwt v5:
 * the token's alg must be one of GOTRUE_JWT_VALID_METHODS; the key is found by kid, else an HS256
 * token falls back to the secret; the key must be of the alg's type. So `alg: none`, HS/RS
 * confusion, unknown kids and disallowed algorithms all fail, each with golang-jwt's wording.
 */
export interface JwtKeys {
  /** Signs with GoTrue's signing key: its alg, and its kid in the header when it has one. */
  sign(payload: Record<string, unknown>): Promise<string>;
  /**
   * Verifies signature and expiry against `now`; throws JwtInvalid with golang-jwt's reason.
   * `anyMethod` skips the GOTRUE_JWT_VALID_METHODS check (the gateway's apikey check is not GoTrue's).
   */
  verify(token: string, now: Date, options?: { anyMethod?: boolean }): Promise<JWTPayload & Record<string, unknown>>;
  /** The algorithm and kid of access tokens. */
  signingKey: { alg: string; kid?: string };
  /** GET /.well-known/jwks.json. */
  jwks: { keys: Jwk[] };
  keySet: KeySet;
}

export class JwtInvalid extends Error {}

/** Every algorithm golang-jwt v5 registers; any other alg is "unavailable". */
const REGISTERED = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'none']);

/** Per alg family: the key type golang-jwt's Verify expects, and its wording when it gets another or the signature fails. */
const FAMILIES: Record<string, { kind: KeyKind; wrongKey: string; mismatch: string }> = {
  HS: { kind: 'secret', wrongKey: 'HMAC verify expects []byte', mismatch: 'signature is invalid' },
  RS: { kind: 'rsa', wrongKey: 'RSA verify expects *rsa.PublicKey', mismatch: 'crypto/rsa: verification error' },
  PS: { kind: 'rsa', wrongKey: 'RSA-PSS verify expects *rsa.PublicKey', mismatch: 'crypto/rsa: verification error' },
  ES: { kind: 'ec', wrongKey: 'ECDSA verify expects *ecdsa.PublicKey', mismatch: 'crypto/ecdsa: verification error' },
  Ed: { kind: 'okp', wrongKey: 'Ed25519 verify expects ed25519.PublicKey', mismatch: 'ed25519: verification error' },
};

/** HS256 with the shared secret only: GoTrue's behaviour when no GOTRUE_JWT_KEYS are set. */
export function hs256Keys(secret: string): JwtKeys {
  return createJwtKeys(secretKeySet(secret));
}

/** Tokens whose signature has been checked, kept per key set; a few thousand is plenty for an emulator. */
const VERIFIED_CACHE_SIZE = 4096;

export function createJwtKeys(keySet: KeySet): JwtKeys {
  // Imported keys, per kid and alg: golang-jwt lets one RSA key verify RS256 and PS256 alike.
  // Secrets are imported once too: jose would otherwise import raw bytes on every sign and verify.
  // Keyed by the key material itself, not the kid: the secret fallback and an oct key without a
  // kid share kid "" but are different keys.
  const imported = new WeakMap<object, Map<string, Promise<CryptoKey>>>();
  const keyFor = (found: VerificationKey, alg: string) => {
    const material: object = found.secret ?? found.material!;
    let byAlg = imported.get(material);
    if (!byAlg) imported.set(material, (byAlg = new Map()));
    let key = byAlg.get(alg);
    if (!key) {
      key = found.secret ? importSecret(found.secret, alg) : (importJWK(found.material!, alg) as Promise<CryptoKey>);
      byAlg.set(alg, key);
    }
    return key;
  };
  // A signature either verifies with this key set or not, forever; only the time checks depend on
  // the call. Caching the verdict saves a WebCrypto round trip on every request's apikey and bearer.
  const verified = new Set<string>();
  const checkSignature = async (token: string, found: VerificationKey, alg: string) => {
    if (verified.has(token)) return;
    await compactVerify(token, await keyFor(found, alg), { algorithms: [alg] });
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.values().next().value!);
    verified.add(token);
  };
  const { signing } = keySet;
  const signingKey: Promise<SigningKey> =
    signing.key instanceof Uint8Array
      ? importSecret(signing.key, signing.alg).then((key) => ({ ...signing, key }))
      : Promise.resolve(signing);
  return {
    sign: async (payload) => signWith(await signingKey, payload),
    verify: (token, now, options) => verify(keySet, checkSignature, token, now, options?.anyMethod ?? false),
    signingKey: { alg: signing.alg, ...(signing.kid ? { kid: signing.kid } : {}) },
    jwks: { keys: keySet.publicJwks },
    keySet,
  };
}

/** An HMAC secret as a WebCrypto key for one HS alg (jose imports raw bytes anew on every call). */
const importSecret = (secret: Uint8Array, alg: string): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, ['sign', 'verify']);

/**
 * Signs a payload with one key. The header is {alg, kid, typ} in that order, as golang-jwt writes
 * its header map; the payload keeps the caller's claim order (GoTrue's struct order).
 */
export function signWith(key: SigningKey, payload: Record<string, unknown>): Promise<string> {
  const header = { alg: key.alg, ...(key.kid ? { kid: key.kid } : {}), typ: 'JWT' };
  return new SignJWT(payload).setProtectedHeader(header).sign(key.key);
}

type Claims = JWTPayload & Record<string, unknown>;

async function verify(
  keys: KeySet,
  checkSignature: (token: string, found: VerificationKey, alg: string) => Promise<void>,
  token: string,
  now: Date,
  anyMethod: boolean,
): Promise<Claims> {
  // golang-jwt's ParseUnverified
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('token contains an invalid number of segments');
  const header = decodeJson(parts[0]!, 'header', 'map[string]interface {}');
  const claims = decodeJson(parts[1]!, 'claim', 'api.AccessTokenClaims') as Claims;
  const alg = header.alg;
  if (typeof alg !== 'string') throw unverifiable('signing method (alg) is unspecified');
  if (!REGISTERED.has(alg)) throw unverifiable('signing method (alg) is unavailable');
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    if (claims[name] !== undefined && typeof claims[name] !== 'number') {
      throw malformed(`could not JSON decode claim: json: cannot unmarshal ${goType(claims[name])} into Go struct field AccessTokenClaims.${name} of type float64`);
    }
  }
  const wrongType = claimTypeError(claims);
  if (wrongType) throw malformed(`could not JSON decode claim: ${wrongType}`);

  // ParseWithClaims: allowed methods, then the signature's encoding, then GoTrue's key function
  if (!anyMethod && !keys.validMethods.includes(alg)) throw signatureInvalid(`signing method ${alg} is invalid`);
  const badByte = base64Error(parts[2]!);
  if (badByte !== undefined) throw malformed(`could not base64 decode signature: illegal base64 data at input byte ${badByte}`);
  const found = findKey(keys, header, alg);
  if (alg === 'none') throw signatureInvalid("token is unverifiable: 'none' signature type is not allowed");

  const family = FAMILIES[alg.slice(0, 2)]!;
  if (found.kind !== family.kind) throw signatureInvalid(`key is of invalid type: ${family.wrongKey}`);
  try {
    await checkSignature(token, found, alg);
  } catch {
    // a failed check, or a key of the right type that cannot do this alg (a P-384 key for ES256)
    throw signatureInvalid(family.mismatch);
  }

  // golang-jwt's default validator: exp and nbf, no leeway
  const t = now.getTime() / 1000;
  if (typeof claims.exp === 'number' && !(t < claims.exp)) throw new JwtInvalid('token has invalid claims: token is expired');
  if (typeof claims.nbf === 'number' && t < claims.nbf) throw new JwtInvalid('token has invalid claims: token is not valid yet');
  return claims;
}

/** GoTrue's key function: the key of a known kid, else the secret for HS256, else an unrecognized kid. */
function findKey(keys: KeySet, header: Record<string, unknown>, alg: string): VerificationKey {
  if (typeof header.kid === 'string') {
    const found = keys.byKid.get(header.kid);
    if (found) return found;
  }
  if (alg === 'HS256') return { kid: '', kind: 'secret', secret: keys.secret };
  const kid = header.kid === undefined ? '<nil>' : typeof header.kid === 'string' ? header.kid : JSON.stringify(header.kid);
  throw unverifiable(`error while executing keyfunc: unrecognized JWT kid ${kid} for algorithm ${alg}`);
}

/**
 * The Go types of GoTrue's AccessTokenClaims (internal/tokens/service.go, v2.189.0), which
 * golang-jwt decodes the payload into before it checks the signature. Go's decoder refuses a value
 * of another JSON type (`"role": ["service_role"]` cannot become a string) and the whole token is
 * malformed; null leaves the zero value. It matches keys case-insensitively, so "ROLE" is checked
 * too. aud (ClaimStrings) and amr (AMRClaim) have decoders of their own.
 */
const CLAIM_TYPES: Record<string, 'string' | 'map[string]interface {}' | 'bool'> = {
  iss: 'string', sub: 'string', jti: 'string', email: 'string', phone: 'string', role: 'string', aal: 'string',
  session_id: 'string', client_id: 'string', scope: 'string',
  app_metadata: 'map[string]interface {}', user_metadata: 'map[string]interface {}', is_anonymous: 'bool',
};

/** Go's decoding error for the first claim GoTrue could not decode, if any. */
function claimTypeError(claims: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(claims)) {
    if (value === null) continue;
    const name = key.toLowerCase();
    const want = CLAIM_TYPES[name];
    const got = goType(value);
    if (want === 'string' && got !== 'string') return `json: cannot unmarshal ${got} into Go struct field AccessTokenClaims.${name} of type string`;
    if (want === 'bool' && got !== 'bool') return `json: cannot unmarshal ${got} into Go struct field AccessTokenClaims.${name} of type bool`;
    if (want?.startsWith('map') && got !== 'object') return `json: cannot unmarshal ${got} into Go struct field AccessTokenClaims.${name} of type ${want}`;
    // golang-jwt's ClaimStrings: a string or an array of strings
    if (name === 'aud' && !(got === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))) return 'invalid type for claim';
    // GoTrue's AMRClaim: an array of method names or of {method, timestamp, provider} entries
    if (name === 'amr') {
      if (!Array.isArray(value)) return `json: cannot unmarshal ${got} into Go value of type []json.RawMessage`;
      for (const entry of value) {
        if (typeof entry === 'string' || entry === null) continue;
        if (goType(entry) !== 'object') return `json: cannot unmarshal ${goType(entry)} into Go value of type models.AMREntry`;
        for (const [field, v] of Object.entries(entry as Record<string, unknown>)) {
          const f = field.toLowerCase();
          if (v === null) continue;
          if ((f === 'method' || f === 'provider') && typeof v !== 'string') return `json: cannot unmarshal ${goType(v)} into Go struct field AMREntry.${f} of type string`;
          if (f === 'timestamp' && !Number.isInteger(v)) return `json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : goType(v)} into Go struct field AMREntry.timestamp of type int64`;
        }
      }
    }
  }
  return undefined;
}

function decodeJson(segment: string, what: 'header' | 'claim', goTarget: string): Record<string, unknown> {
  const badByte = base64Error(segment);
  if (badByte !== undefined) throw malformed(`could not base64 decode ${what}: illegal base64 data at input byte ${badByte}`);
  const text = new TextDecoder().decode(base64urlBytes(segment));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const first = text.trimStart()[0];
    const reason = first === undefined ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
    throw malformed(`could not JSON decode ${what}: ${reason}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (value === null) return {};
    throw malformed(`could not JSON decode ${what}: json: cannot unmarshal ${goType(value)} into Go value of type ${goTarget}`);
  }
  return value as Record<string, unknown>;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Where Go's base64.RawURLEncoding would stop on this segment, if it would. */
function base64Error(segment: string): number | undefined {
  if (!BASE64URL.test(segment)) return segment.search(/[^A-Za-z0-9_-]/);
  if (segment.length % 4 === 1) return segment.length - 1;
  return undefined;
}

function base64urlBytes(segment: string): Uint8Array {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
}

function goType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

// golang-jwt's error wrapping: "<sentinel>: <detail>"
const malformed = (detail: string) => new JwtInvalid(`token is malformed: ${detail}`);
const unverifiable = (detail: string) => new JwtInvalid(`token is unverifiable: ${detail}`);
const signatureInvalid = (detail: string) => new JwtInvalid(`token signature is invalid: ${detail}`);
