// Per phone number token bucket: Meta's throughput limit (80 msg/s by default, up to 1,000) is
// per business number. In-process; with several worker processes give each a share.
export function createRateLimiter() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(key: string, perSecond: number): Promise<void> {
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
