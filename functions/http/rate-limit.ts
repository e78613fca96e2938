// Enforces infra/throttles.ts: counts each request in a fixed one-minute window per caller and refuses it with 429
// once a bucket is over its limit.
import { actionNames, type Action } from '../../infra/permissions.ts';
import { limitsFor } from '../../infra/throttles.ts';
import type { Caller } from '../../schemas/identity.ts';
import { TooManyRequests } from './too-many-requests.ts';

const windowSeconds = 60;
/** Keeps a counter a little past its minute, so clocks that differ by a few seconds still find it. */
const keepSeconds = 60;

export interface RateCounter {
  /**
   * Counts one hit on `key` in the window starting at `windowStart` (epoch seconds) and returns the count after it.
   * `expiresAt` (epoch seconds) is when the counter may be forgotten.
   */
  hit(key: string, windowStart: number, expiresAt: number): Promise<number>;
}

export interface RateLimitDeps {
  counter: RateCounter;
  clock: { now(): Date };
}

// Encoded so that an org or sub holding the separator cannot reach another caller's counter.
const bucketKey = (bucket: string, caller: Caller) => [bucket, caller.org, caller.sub].map(encodeURIComponent).join('#');

/** For the middleware, after the role check: counts the request and throws TooManyRequests if any bucket is full. */
export async function assertWithinLimits(caller: Caller, action: Action, deps: RateLimitDeps): Promise<void> {
  const nowMs = deps.clock.now().getTime();
  const windowStart = Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
  const windowEnd = windowStart + windowSeconds;
  const limits = limitsFor(caller.role, action);
  if (limits.length === 0) return;
  // Every bucket counts the request, refused or not, so that retrying early does not earn more requests.
  const counts = await Promise.all(limits.map((limit) => deps.counter.hit(bucketKey(limit.key, caller), windowStart, windowEnd + keepSeconds)));
  const over = limits.find((limit, index) => (counts[index] ?? 0) > limit.perMinute);
  if (!over) return;
  const what = over.key === 'all' ? 'requests' : `requests to ${actionNames[over.key as Action] ?? over.key}`;
  throw new TooManyRequests(`The ${caller.role} role may make at most ${over.perMinute} ${what} a minute`, (windowEnd * 1000 - nowMs) / 1000);
}
