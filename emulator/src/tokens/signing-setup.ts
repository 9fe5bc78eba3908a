import type { Random } from '../clock.js';
import { ConfigError, type Config } from '../config.js';
import { createApiKeys, type ApiKeys } from './api-keys.js';
import { createJwtKeys, type JwtKeys } from './jwt.js';
import { buildKeySet, generateSigningKey, KeyConfigError, SUPABASE_CLI_SIGNING_KEY, type Jwk } from './keys.js';

/**
 * From settings to keys, the way `supabase start` wires them (internal/start/start.go):
 *
 * - nothing set: GoTrue signs with the HS256 secret; the JWKS is empty.
 * - jwtKeys / jwtValidMethods: GOTRUE_JWT_KEYS / GOTRUE_JWT_VALID_METHODS, passed to GoTrue as is.
 * - signingKeys: what the CLI does around GoTrue. It always passes its keys as GOTRUE_JWT_KEYS with
 *   GOTRUE_JWT_VALID_METHODS=HS256,RS256,ES256, so tokens signed with the secret stay valid. With
 *   "supabase-cli" (no signing_keys_path) the API keys stay the HS256 demo keys; with a key file
 *   (signing_keys_path, or "generate") they are signed with the file's first key.
 */
export interface Signing {
  jwt: JwtKeys;
  apiKeys: ApiKeys;
  /** The private JWKs in use when signingKeys was "generate", so a caller can save them. */
  generated?: Jwk[];
}

/** The CLI's GOTRUE_JWT_VALID_METHODS whenever it passes signing keys. */
const CLI_VALID_METHODS = ['HS256', 'RS256', 'ES256'];

export async function setUpSigning(config: Config, random: Random, nowSeconds: number): Promise<Signing> {
  const option = config.signingKeys;
  let keys = config.jwtKeys;
  let validMethods = config.jwtValidMethods;
  let generated: Jwk[] | undefined;
  let fromFile = false;
  if (option !== '') {
    if (option === 'supabase-cli') keys = [SUPABASE_CLI_SIGNING_KEY];
    else if (option === 'generate') keys = generated = [await generateSigningKey(random.uuid())];
    else keys = typeof option === 'string' ? await readKeyFile(option) : option;
    fromFile = option !== 'supabase-cli';
    if (validMethods.length === 0) validMethods = CLI_VALID_METHODS;
    if (keys.length === 0) throw new ConfigError([`signingKeys (AUTHLAB_SIGNING_KEYS): no keys in ${describe(option)}`]);
  }

  let keySet;
  try {
    keySet = await buildKeySet({ secret: config.jwtSecret, keyId: config.jwtKeyId, keys, validMethods });
  } catch (e) {
    if (!(e instanceof KeyConfigError)) throw e;
    const from = option !== '' ? `signingKeys (AUTHLAB_SIGNING_KEYS, ${describe(option)})` : 'jwtKeys (GOTRUE_JWT_KEYS)';
    throw new ConfigError([`${from}: ${e.message}`]);
  }
  const first = fromFile ? keySet.privateKeys[0] : undefined;
  if (fromFile && (!first || !['RS256', 'ES256'].includes(first.alg))) {
    // the CLI's GenerateAsymmetricJWT only knows these two
    throw new ConfigError([`signingKeys (AUTHLAB_SIGNING_KEYS, ${describe(option)}): the first key must be an RS256 or ES256 private key, as the Supabase CLI signs the API keys with it`]);
  }
  const jwt = createJwtKeys(keySet);
  const apiKeys = await createApiKeys(jwt, { asymmetricKey: first, now: nowSeconds });
  return { jwt, apiKeys, ...(generated ? { generated } : {}) };
}

const describe = (option: Config['signingKeys']) => (typeof option === 'string' ? option : 'the JWK array given');

/** A signing_keys.json as the CLI reads it: a JSON array of private JWKs. */
async function readKeyFile(path: string): Promise<Jwk[]> {
  const fsModule = 'node:fs/promises'; // computed: browsers have no file system to read keys from
  const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError([`signingKeys (AUTHLAB_SIGNING_KEYS): cannot read ${path}: ${(e as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([`signingKeys (AUTHLAB_SIGNING_KEYS): ${path} is not JSON: ${(e as Error).message}`]);
  }
  if (!Array.isArray(parsed) || !parsed.every((k) => k && typeof k === 'object' && !Array.isArray(k))) {
    throw new ConfigError([`signingKeys (AUTHLAB_SIGNING_KEYS): ${path} must hold a JSON array of JWKs, as \`supabase gen signing-key\` writes`]);
  }
  return parsed as Jwk[];
}
