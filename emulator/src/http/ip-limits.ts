import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';
import { tooManyRequests } from '../errors.js';
import type { AppEnv, Ctx } from './env.js';

/**
 * GoTrue's per-IP limiters (apilimiter.go): which setting, over how many seconds, and how long an
 * IP's bucket lives. Each is a token bucket refilled at the setting's pace with a burst of 30: the
 * first 30 requests from an IP pass at once whatever the setting (even 0), then they go at its
 * pace; and the bucket expires that long after it was made, to start full again.
 */
const BURST = 30;
const HOUR = 3600;

const LIMITS = {
  verify: { setting: 'rateLimitVerify', windowSeconds: 5 * 60, ttlSeconds: HOUR },
  token: { setting: 'rateLimitTokenRefresh', windowSeconds: 5 * 60, ttlSeconds: HOUR },
  otp: { setting: 'rateLimitOtp', windowSeconds: 5 * 60, ttlSeconds: HOUR },
  passkey: { setting: 'rateLimitPasskey', windowSeconds: 5 * 60, ttlSeconds: HOUR },
  web3: { setting: 'rateLimitWeb3', windowSeconds: 5 * 60, ttlSeconds: HOUR },
  oauthClientRegister: { setting: 'rateLimitOauthDynamicClientRegister', windowSeconds: 5 * 60, ttlSeconds: HOUR },
  // as GoTrue: one setting, but challenge and verify each have their own per-minute allowance
  mfaChallenge: { setting: 'mfaRateLimitChallengeAndVerify', windowSeconds: 60, ttlSeconds: 60 },
  mfaVerify: { setting: 'mfaRateLimitChallengeAndVerify', windowSeconds: 60, ttlSeconds: 60 },
} as const satisfies Record<string, { setting: keyof Config; windowSeconds: number; ttlSeconds: number }>;

export type LimitKind = keyof typeof LIMITS;

/**
 * Limits requests per client IP, taken from the header named by GOTRUE_RATE_LIMIT_HEADER. As GoTrue:
 * with no such header configured (the local default), or none on the request, nothing is limited.
 */
export function limitByIp(kindOf: LimitKind | ((c: Ctx) => LimitKind)): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const kind = typeof kindOf === 'function' ? kindOf(c) : kindOf;
    const s = c.var.services;
    const header = s.config.rateLimitHeader;
    const ip = header ? c.req.header(header)?.split(',')[0]?.trim() : undefined;
    if (ip) {
      const { setting, windowSeconds, ttlSeconds } = LIMITS[kind];
      if (!s.limits.take(`ip:${kind}:${ip}`, s.config[setting], windowSeconds, { burst: BURST, ttlSeconds })) {
        throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
      }
    }
    await next();
  };
}
