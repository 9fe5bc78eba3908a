import type { JwtKeys } from './jwt.js';

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
export const DEFAULT_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const DEFAULT_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export async function createApiKeys(jwt: JwtKeys): Promise<ApiKeys> {
  return {
    anon: await jwt.sign({ iss: 'supabase-demo', role: 'anon', exp: DEMO_KEY_EXP }),
    serviceRole: await jwt.sign({ iss: 'supabase-demo', role: 'service_role', exp: DEMO_KEY_EXP }),
    publishable: DEFAULT_PUBLISHABLE_KEY,
    secret: DEFAULT_SECRET_KEY,
  };
}
