import { signWith, type JwtKeys } from './jwt.js';
import type { SigningKey } from './keys.js';

/**
 * The API keys of a local Supabase stack. With the default secret these are byte-identical to the
 * CLI's well-known demo keys: same header, same claim order (iss, role, exp), same fixed exp.
 */
export interface ApiKeys {
  anon: string;
  serviceRole: string;
  /** The CLI's opaque keys of the newer format; the gateway maps them to anon / service_role. */
  publishable: string;
  secret: string;
}

/** exp of the Supabase CLI's demo keys (2032-11-12). */
const DEMO_KEY_EXP = 1983812996;
/** The CLI's lifetime of API keys signed with an asymmetric key: 24 h * 365 * 10 (leap days ignored). */
const ASYMMETRIC_KEY_LIFETIME = 10 * 365 * 24 * 60 * 60;
export const DEFAULT_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const DEFAULT_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export interface ApiKeySigning {
  /**
   * As the CLI with [auth] signing_keys_path: the anon and service_role keys are signed with the
   * first key of the file (its alg and kid) and expire ten years from now. Otherwise they are the
   * HS256 demo keys, whatever GoTrue signs access tokens with.
   */
  asymmetricKey?: SigningKey | undefined;
  /** Unix seconds, for the ten-year expiry. */
  now: number;
}

export async function createApiKeys(jwt: JwtKeys, signing: ApiKeySigning = { now: 0 }): Promise<ApiKeys> {
  const sign = async (role: string) => {
    if (signing.asymmetricKey) {
      return signWith(signing.asymmetricKey, { iss: 'supabase-demo', role, exp: signing.now + ASYMMETRIC_KEY_LIFETIME });
    }
    return signWith({ alg: 'HS256', kid: '', key: jwt.keySet.secret }, { iss: 'supabase-demo', role, exp: DEMO_KEY_EXP });
  };
  return {
    anon: await sign('anon'),
    serviceRole: await sign('service_role'),
    publishable: DEFAULT_PUBLISHABLE_KEY,
    secret: DEFAULT_SECRET_KEY,
  };
}
