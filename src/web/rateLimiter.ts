/**
 * A small in-memory rate limit per key (a client address): each key may take `burst` actions at
 * once, and earns one more every `refillMs`. Memory stays bounded: full buckets are forgotten, and
 * if a flood from very many addresses fills the table, the oldest buckets go. That only forgives
 * some of the flood; it never ends anyone's session.
 */
export interface RateLimit {
  burst: number;
  refillMs: number;
}

const MAX_KEYS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  /** Takes one action for the key: 0 when allowed, otherwise the seconds until the next one is. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.current(key, now);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil(((1 - bucket.tokens) * this.limit.refillMs) / 1000));
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: bucket.tokens - 1, at: now });
    while (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value as string);
    return 0;
  }

  /** Forgets buckets that have filled up again. */
  sweep(): void {
    const now = this.now();
    for (const [key] of this.buckets) if (this.current(key, now).tokens >= this.limit.burst) this.buckets.delete(key);
  }

  private current(key: string, now: number): { tokens: number; at: number } {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.limit.burst, at: now };
    const earned = (now - bucket.at) / this.limit.refillMs;
    return { tokens: Math.min(this.limit.burst, bucket.tokens + earned), at: now };
  }
}
