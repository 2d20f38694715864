// Per phone number token bucket: Meta's throughput limit (80 msg/s by default, up to 1,000) is
// per business number. Each worker process keeps its own buckets at its share of the limit: the
// queue's heartbeats tell how many worker processes are alive (setShare).
export function createRateLimiter() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let share = 1;
  return {
    /** This process's fraction of every number's limit (1 / live worker processes). */
    setShare(fraction: number) {
      share = Math.min(1, Math.max(0.01, fraction));
    },
    async take(key: string, limitPerSecond: number): Promise<void> {
      const perSecond = Math.max(1, limitPerSecond * share);
      for (;;) {
        const now = Date.now();
        const b = buckets.get(key) ?? { tokens: perSecond, at: now };
        b.tokens = Math.min(perSecond, b.tokens + ((now - b.at) / 1000) * perSecond);
        b.at = now;
        buckets.set(key, b);
        if (b.tokens >= 1) {
          b.tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.ceil(((1 - b.tokens) / perSecond) * 1000)));
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
