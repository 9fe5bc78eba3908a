import type { Clock } from '../clock.js';

/**
 * Token buckets that follow the emulator's clock, so tests can move time to refill them.
 * GoTrue keeps its limiters in memory too; reset() empties them with the data.
 */
export interface RateLimits {
  /** Takes one event from the bucket `key` (capacity `limit`, refilled over `windowSeconds`); false if empty. */
  take(key: string, limit: number, windowSeconds: number): boolean;
  reset(): void;
}

export function createRateLimits(clock: Clock): RateLimits {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, limit, windowSeconds) {
      if (limit <= 0) return false;
      const now = clock.now().getTime();
      const bucket = buckets.get(key) ?? { tokens: limit, at: now };
      const refill = ((now - bucket.at) / (windowSeconds * 1000)) * limit;
      bucket.tokens = Math.min(limit, bucket.tokens + Math.max(0, refill));
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
