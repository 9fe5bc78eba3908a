import type { Clock } from '../clock.js';

/**
 * Token buckets that follow the emulator's clock, so tests can move time to refill them.
 * GoTrue keeps its limiters in memory too; reset() empties them with the data.
 */
export interface RateLimits {
  /**
   * Takes one event from the bucket `key`, refilled at `limit` per `windowSeconds`; false if empty.
   * The bucket holds `limit` events and starts full; with `burst`, it holds that many instead (a
   * limit of 0 then lets the burst through and no more), and with `ttlSeconds` it is thrown away
   * and starts full again that long after it was made, as GoTrue's expiring per-IP limiters are.
   */
  take(key: string, limit: number, windowSeconds: number, bucket?: { burst: number; ttlSeconds: number }): boolean;
  reset(): void;
}

export function createRateLimits(clock: Clock): RateLimits {
  const buckets = new Map<string, { tokens: number; at: number; made: number }>();
  return {
    take(key, limit, windowSeconds, options) {
      if (limit <= 0 && !options) return false;
      const burst = options?.burst ?? limit;
      const now = clock.now().getTime();
      let bucket = buckets.get(key);
      if (!bucket || (options && now - bucket.made >= options.ttlSeconds * 1000)) bucket = { tokens: burst, at: now, made: now };
      const refill = ((now - bucket.at) / (windowSeconds * 1000)) * Math.max(0, limit);
      bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, refill));
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    reset: () => buckets.clear(),
  };
}

/** GoTrue's per-user frequency message: whole seconds left until the next send is allowed. */
export function secondsUntilAllowed(sentAt: Date | null, maxFrequencySeconds: number, now: Date): number {
  if (!sentAt) return 0;
  const left = (sentAt.getTime() + maxFrequencySeconds * 1000 - now.getTime()) / 1000;
  return left > 0 ? Math.floor(left) : 0;
}
