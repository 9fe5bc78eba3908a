import { exportJWK, generateKeyPair, importJWK, type CryptoKey } from 'jose';

/**
 * The keys GoTrue signs and verifies JWTs with (internal/conf/jwk.go): the HS256 secret alone by
 * default, or GOTRUE_JWT_KEYS, a JSON array of private JWKs of which exactly one has "sign" in its
 * key_ops. Keys are found by kid; HS256 tokens without a known kid fall back to the secret.
 */

/** A JWK as written in GOTRUE_JWT_KEYS or a Supabase CLI signing_keys.json (private members included). */
export type Jwk = Record<string, unknown>;

/** Algorithms a GOTRUE_JWT_KEYS entry may carry: those GoTrue's GetSigningAlg knows, and HS256 for oct keys. */
export const KEY_ALGORITHMS = ['RS256', 'RS512', 'ES256', 'ES512', 'EdDSA', 'HS256'] as const;

/** Members that make a JWK private; never published in the JWKS. */
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
/** The key material itself, per key type: all WebCrypto needs to import it. */
const MATERIAL: Record<string, string[]> = {
  RSA: ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
  EC: ['crv', 'x', 'y', 'd'],
  OKP: ['crv', 'x', 'd'],
};

/** The kind of key a verification needs, as golang-jwt's signing methods type-check it. */
export type KeyKind = 'secret' | 'rsa' | 'ec' | 'okp';
const KIND_OF_KTY: Record<string, KeyKind> = { oct: 'secret', RSA: 'rsa', EC: 'ec', OKP: 'okp' };

/** A key found by kid: the public half (or the shared secret) and where it came from. */
export interface VerificationKey {
  kid: string;
  kind: KeyKind;
  /** The secret's bytes for oct keys. */
  secret?: Uint8Array;
  /** Public key material (kty and its members) for asymmetric keys. */
  material?: Jwk;
  /** What /.well-known/jwks.json shows of it; absent for oct keys, which are never published. */
  published?: Jwk;
}

export interface SigningKey {
  kid: string;
  alg: string;
  key: CryptoKey | Uint8Array;
}

export interface KeySet {
  /** GoTrue's JWT.Keys map, by kid ("" for a key without one). */
  byKid: Map<string, VerificationKey>;
  /** The one key with "sign" in key_ops; signs every access token GoTrue issues. */
  signing: SigningKey;
  /** GOTRUE_JWT_SECRET, the fallback for HS256 tokens whose kid is unknown or absent. */
  secret: Uint8Array;
  /** GOTRUE_JWT_VALID_METHODS, or the algorithms of the configured keys. */
  validMethods: string[];
  /** The public JWKs served at /.well-known/jwks.json, in GoTrue's member order. */
  publicJwks: Jwk[];
  /** Private keys by position in the configured list (the CLI signs API keys with the first). */
  privateKeys: (SigningKey | undefined)[];
}

export class KeyConfigError extends Error {}

export interface KeySetInput {
  secret: string;
  /** GOTRUE_JWT_KEY_ID: the kid of the secret when no GOTRUE_JWT_KEYS are given. */
  keyId?: string;
  keys: Jwk[];
  validMethods?: string[] | undefined;
}

/**
 * GoTrue's ApplyDefaults with no GOTRUE_JWT_KEYS: the secret becomes an oct key (kid
 * GOTRUE_JWT_KEY_ID) that signs and verifies, and HS256 is the only valid method unless told otherwise.
 */
export function secretKeySet(secretText: string, keyId = '', validMethods?: string[]): KeySet {
  const secret = new TextEncoder().encode(secretText);
  const signing = { kid: keyId, alg: 'HS256', key: secret };
  return {
    byKid: new Map([[keyId, { kid: keyId, kind: 'secret', secret }]]),
    signing,
    secret,
    validMethods: validMethods?.length ? validMethods : ['HS256'],
    publicJwks: [],
    privateKeys: [signing],
  };
}

/** Builds the key set as GoTrue's config loading does (ApplyDefaults, then JwtKeysDecoder.Validate). */
export async function buildKeySet(input: KeySetInput): Promise<KeySet> {
  if (input.keys.length === 0) return secretKeySet(input.secret, input.keyId, input.validMethods);
  const secret = new TextEncoder().encode(input.secret);
  const keys = input.keys;
  const byKid = new Map<string, VerificationKey>();
  const privateKeys: (SigningKey | undefined)[] = [];
  const signing: SigningKey[] = [];
  const algs: string[] = [];

  for (const [i, jwk] of keys.entries()) {
    const where = `GOTRUE_JWT_KEYS[${i}]`;
    const kty = typeof jwk.kty === 'string' ? jwk.kty : '';
    const kind = KIND_OF_KTY[kty];
    if (!kind) throw new KeyConfigError(`${where}: unsupported key type ${JSON.stringify(jwk.kty)} (expected RSA, EC, OKP or oct)`);
    const alg = typeof jwk.alg === 'string' && jwk.alg !== '' ? jwk.alg : kind === 'secret' ? 'HS256' : '';
    if (!(KEY_ALGORITHMS as readonly string[]).includes(alg) || (kind === 'secret') !== (alg === 'HS256')) {
      throw new KeyConfigError(`${where}: "alg" must be one of ${KEY_ALGORITHMS.join(', ')} matching its kty ${kty}; got ${JSON.stringify(jwk.alg)}`);
    }
    const kid = typeof jwk.kid === 'string' ? jwk.kid : '';
    const ops = Array.isArray(jwk.key_ops) ? jwk.key_ops : [];
    algs.push(alg);

    if (kind === 'secret') {
      const bytes = decodeOct(jwk, where);
      byKid.set(kid, { kid, kind, secret: bytes });
      privateKeys.push({ kid, alg, key: bytes });
      if (ops.includes('sign')) signing.push({ kid, alg, key: bytes });
      continue;
    }
    const material = pick(jwk, MATERIAL[kty]!.filter((m) => !PRIVATE_MEMBERS.has(m)));
    material.kty = kty;
    byKid.set(kid, { kid, kind, material, published: publicJwk(jwk) });
    if (jwk.d === undefined) {
      if (ops.includes('sign')) throw new KeyConfigError(`${where}: key_ops has "sign" but the key has no private part ("d")`);
      privateKeys.push(undefined);
      continue;
    }
    let key: CryptoKey;
    try {
      key = (await importJWK({ ...pick(jwk, MATERIAL[kty]!), kty }, alg)) as CryptoKey;
    } catch (e) {
      throw new KeyConfigError(`${where}: not a usable ${alg} private key (${(e as Error).message})`);
    }
    privateKeys.push({ kid, alg, key });
    if (ops.includes('sign')) signing.push({ kid, alg, key });
  }

  // GoTrue's JwtKeysDecoder.Validate wording
  if (signing.length === 0) throw new KeyConfigError('no signing key detected');
  if (signing.length > 1) throw new KeyConfigError('multiple signing keys detected, only 1 signing key is supported');
  return {
    byKid,
    signing: signing[0]!,
    secret,
    validMethods: input.validMethods?.length ? input.validMethods : algs,
    // GoTrue ranges over a Go map, so its order is unspecified; authlab keeps the configured order
    publicJwks: [...byKid.values()].flatMap((k) => (k.published ? [k.published] : [])),
    privateKeys,
  };
}

/**
 * A key's public JWK as GoTrue publishes it: private members dropped, use "sig", key_ops
 * ["verify"], other members (kid, alg, ext, ...) kept, all sorted by name as lestrrat-go/jwx
 * serialises keys.
 */
export function publicJwk(jwk: Jwk): Jwk {
  const out: Jwk = { ...jwk, use: 'sig', key_ops: ['verify'] };
  for (const m of PRIVATE_MEMBERS) delete out[m];
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function pick(jwk: Jwk, members: string[]): Jwk {
  const out: Jwk = {};
  for (const m of members) if (jwk[m] !== undefined) out[m] = jwk[m];
  return out;
}

function decodeOct(jwk: Jwk, where: string): Uint8Array {
  if (typeof jwk.k !== 'string' || jwk.k === '') throw new KeyConfigError(`${where}: an oct key needs its secret in "k" (base64url)`);
  const b64 = jwk.k.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
}

/**
 * The ES256 key `supabase start` passes to GoTrue when the project has no signing_keys_path
 * (supabase/cli pkg/config/config.go). A public, well-known demo value like the anon key.
 */
export const SUPABASE_CLI_SIGNING_KEY: Jwk = {
  kty: 'EC',
  kid: 'b81269f1-21d8-4f2e-b719-c2240a840d90',
  use: 'sig',
  key_ops: ['sign', 'verify'],
  alg: 'ES256',
  ext: true,
  crv: 'P-256',
  x: 'M5Sjqn5zwC9Kl1zVfUUGvv9boQjCGd45G8sdopBExB4',
  y: 'P6IXMvA2WYXSHSOMTBH2jsw_9rrzGy89FjPf6oOsIxQ',
  d: 'dIhR8wywJlqlua4y_yMq2SLhlFXDZJBCvFrY1DCHyVU',
};

/** A fresh private key in the shape `supabase gen signing-key` writes: uuid kid, sign + verify, extractable. */
export async function generateSigningKey(kid: string, alg: 'ES256' | 'RS256' = 'ES256'): Promise<Jwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const material = await exportJWK(privateKey);
  return { kty: material.kty, kid, use: 'sig', key_ops: ['sign', 'verify'], alg, ext: true, ...pick(material, MATERIAL[material.kty!]!) };
}
