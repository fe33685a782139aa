// Per-API-key rate limiting: a token bucket per key (capacity one minute's allowance, refilled
// evenly), so a burst up to the allowance passes and a steady caller gets exactly its rate. A
// refused request answers 429 with Retry-After: the seconds until one request is allowed again.
// Buckets are keyed by a digest of the key (no key is kept in clear) and live in this process
// only: with several gateways behind a balancer each enforces the allowance on its own share.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedKey } from './auth';

export interface RateLimitOptions {
  /** Requests per minute per API key; 0 turns the limit off. */
  perMinute: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle this long are full again and are dropped, so memory follows the active keys. */
const IDLE_MS = 120_000;

export function createRateLimiter(options: RateLimitOptions) {
  // Monotonic: a step of the system clock neither refills nor drains a bucket.
  const now = options.now ?? (() => performance.now());
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  /** Seconds to wait, or 0 when this request may go ahead (and is counted). */
  function take(id: string): number {
    const t = now();
    if (t - lastSweep > IDLE_MS) {
      for (const [key, b] of buckets) if (t - b.at > IDLE_MS) buckets.delete(key);
      lastSweep = t;
    }
    const bucket = buckets.get(id) ?? { tokens: options.perMinute, at: t };
    bucket.tokens = Math.min(options.perMinute, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  /** An onRequest hook for routes behind the API-key check. */
  return async function rateLimit(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (options.perMinute <= 0) return undefined;
    const key = presentedKey(request.headers) ?? '';
    const wait = take(createHash('sha256').update(key).digest('base64url'));
    if (wait === 0) return undefined;
    return reply
      .status(429)
      .header('retry-after', String(wait))
      .send({
        error: `rate limit of ${options.perMinute} requests per minute for this API key reached; repeat after ${wait} s`,
        code: 'RATE_LIMITED',
        retryable: true,
        retryAfterSeconds: wait,
      });
  };
}
