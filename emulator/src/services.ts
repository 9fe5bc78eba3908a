import type { Clock, Random } from './clock.js';
import type { Config } from './config.js';
import type { RateLimits } from './auth/rate-limits.js';
import type { Storage } from './db/storage.js';
import type { IdpStore } from './idp/state.js';
import type { Mailer } from './mail/mailer.js';
import type { ApiKeys } from './tokens/api-keys.js';
import type { JwtKeys } from './tokens/jwt.js';

/** Everything a route needs, passed in one object: no module-level state, so emulators never interfere. */
export interface Services {
  config: Config;
  db: Storage;
  clock: Clock;
  random: Random;
  jwt: JwtKeys;
  apiKeys: ApiKeys;
  mailer: Mailer;
  limits: RateLimits;
  /** The fake identity provider's keys, codes and tokens. */
  idp: IdpStore;
}

/** What a route knows about the caller, for sessions and audit entries. */
export interface RequestInfo {
  ip: string;
  userAgent: string;
}
