/**
 * Per-user token buckets: each key holds up to `burst` tokens and regains `perMinute` of them
 * a minute; a command costs tokens (see `costs.ts`) and is refused when its bucket is short.
 * A bucket lets a user ask a few questions in quick succession and then paces them, which a
 * fixed window would not (it allows twice its limit across a window's edge).
 */

export interface RateLimiterOptions {
  /** Tokens regained per minute; 0 turns the limiter off. */
  perMinute: number;
  /** Bucket size: how many tokens a rested user may spend at once. Default: a quarter-minute's worth (20/min → 5). */
  burst?: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  /**
   * Takes `cost` tokens from `key`'s bucket, or takes nothing and says how long until it could.
   *
   * @example
   * limiter.take('user-1', 1); // { ok: true }
   * limiter.take('user-1', 1); // { ok: false, retryAfterMs: 2400 } once the bucket is empty
   */
  take(key: string, cost: number): TakeResult;
  /** Gives back what `take` took, for a command refused afterwards (a full queue): it did not run. */
  refund(key: string, cost: number): void;
  /** How many keys hold a bucket that is not full (the others are forgotten). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets are swept of full ones when there are more than this many (and then twice as many as survived). */
const SWEEP_FLOOR = 1024;

/**
 * A limiter over per-key token buckets.
 *
 * @example
 * const limiter = createRateLimiter({ perMinute: 20 }); // 5 at once, then one every 3 s
 * if (!limiter.take(userId, 1).ok) refuse();
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { perMinute } = options;
  if (perMinute <= 0) return { take: () => ({ ok: true }), refund: () => undefined, size: 0 };
  const now = options.now ?? Date.now;
  const burst = Math.max(1, options.burst ?? Math.ceil(perMinute / 4));
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let sweepAt = SWEEP_FLOOR;

  /** The bucket brought up to date; a key without one has a full bucket. */
  const current = (key: string, at: number): Bucket => {
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: burst, at };
    return { tokens: Math.min(burst, bucket.tokens + (at - bucket.at) * perMs), at };
  };

  const store = (key: string, bucket: Bucket) => {
    // A full bucket is the same as none, so only users who spent something take memory.
    if (bucket.tokens >= burst) buckets.delete(key);
    else buckets.set(key, bucket);
    if (buckets.size > sweepAt) {
      const at = now();
      for (const [k, b] of buckets) if (b.tokens + (at - b.at) * perMs >= burst) buckets.delete(k);
      sweepAt = Math.max(SWEEP_FLOOR, buckets.size * 2);
    }
  };

  return {
    take(key, cost) {
      if (cost <= 0) return { ok: true };
      // A command dearer than the bucket could never run; it costs a full bucket instead.
      const price = Math.min(cost, burst);
      const bucket = current(key, now());
      // The epsilons absorb float drift (1/3 token a second), which would otherwise say 2001 ms for 2000.
      if (bucket.tokens + 1e-9 < price) return { ok: false, retryAfterMs: Math.ceil((price - bucket.tokens) / perMs - 1e-6) };
      store(key, { tokens: bucket.tokens - price, at: bucket.at });
      return { ok: true };
    },
    refund(key, cost) {
      if (cost <= 0) return;
      const bucket = current(key, now());
      store(key, { tokens: Math.min(burst, bucket.tokens + Math.min(cost, burst)), at: bucket.at });
    },
    get size() {
      return buckets.size;
    },
  };
}
