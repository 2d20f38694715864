// Meta's two sending limits (reference §6.2): throughput per business number (sliding 1 s
// window, 130429) and the pair rate per (business number, user) (1 msg / 6 s with a burst
// of 45 borrowed from future quota, 131056). Both take a clock so tests can drive time.

export type Clock = () => number;

/** Sliding-window counter: at most `limit` hits per key in any `windowMs`. */
export function createSlidingWindowLimiter(limit: number, windowMs: number, now: Clock) {
  const hits = new Map<string, number[]>();
  return {
    /** Records a hit and returns true, or returns false (nothing recorded) when over the limit. */
    tryHit(key: string): boolean {
      const t = now();
      const list = (hits.get(key) ?? []).filter((at) => at > t - windowMs);
      if (list.length >= limit) {
        hits.set(key, list);
        return false;
      }
      list.push(t);
      hits.set(key, list);
      return true;
    },
    reset(): void {
      hits.clear();
    },
  };
}

/** Token bucket: `burst` tokens, one token refilled every `refillMs`. */
export function createTokenBucketLimiter(burst: number, refillMs: number, now: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    tryHit(key: string): boolean {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      const tokens = Math.min(burst, bucket.tokens + (t - bucket.at) / refillMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return false;
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      return true;
    },
    reset(): void {
      buckets.clear();
    },
  };
}
