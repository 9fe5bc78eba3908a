import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';
import { tooManyRequests } from '../errors.js';
import type { AppEnv, Ctx } from './env.js';

/**
 * GoTrue's per-IP limiters: which setting, over how many seconds. Each is a token bucket refilled at
 * the setting's rate with a burst of 30 (apilimiter.go): the first 30 requests from an IP pass at
 * once whatever the setting, then they are let through at its pace.
 */
const BURST = 30;

const LIMITS = {
  verify: { setting: 'rateLimitVerify', windowSeconds: 5 * 60 },
  token: { setting: 'rateLimitTokenRefresh', windowSeconds: 5 * 60 },
  otp: { setting: 'rateLimitOtp', windowSeconds: 5 * 60 },
  passkey: { setting: 'rateLimitPasskey', windowSeconds: 5 * 60 },
  web3: { setting: 'rateLimitWeb3', windowSeconds: 5 * 60 },
  oauthClientRegister: { setting: 'rateLimitOauthDynamicClientRegister', windowSeconds: 5 * 60 },
  // as GoTrue: one setting, but challenge and verify each have their own per-minute allowance
  mfaChallenge: { setting: 'mfaRateLimitChallengeAndVerify', windowSeconds: 60 },
  mfaVerify: { setting: 'mfaRateLimitChallengeAndVerify', windowSeconds: 60 },
} as const satisfies Record<string, { setting: keyof Config; windowSeconds: number }>;

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
      const { setting, windowSeconds } = LIMITS[kind];
      if (!s.limits.take(`ip:${kind}:${ip}`, s.config[setting], windowSeconds, BURST)) {
        throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
      }
    }
    await next();
  };
}
