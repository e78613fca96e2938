// Per-role request limits: a fixed one-minute window per caller, refused with 429 and Retry-After once full.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../infra/permissions.ts';
import { limitsFor } from '../../../infra/throttles.ts';
import { assertWithinLimits, type RateCounter } from '../../../functions/http/rate-limit.ts';
import { TooManyRequests } from '../../../functions/http/too-many-requests.ts';
import { Role, type Caller } from '../../../schemas/identity.ts';
import { caller } from '../../fixtures/objects.ts';
import { fixedClock, memoryRateCounter } from '../../support/in-memory-ports.ts';

/** Makes `times` requests and returns the refusal of each one, undefined where it went through. */
async function requests(times: number, who: Caller, action: Action, counter: RateCounter, at: string) {
  const refusals: (TooManyRequests | undefined)[] = [];
  for (let i = 0; i < times; i++) {
    try {
      await assertWithinLimits(who, action, { counter, clock: fixedClock(at) });
      refusals.push(undefined);
    } catch (error) {
      if (!(error instanceof TooManyRequests)) throw error;
      refusals.push(error);
    }
  }
  return refusals;
}

const visitor = caller('public', 'public', 'visitor-1');

describe('per-role request limits', () => {
  it("refuses a public caller's 31st request in a minute with 429 and the seconds left as Retry-After", async () => {
    // Arrange
    const counter = memoryRateCounter();

    // Act
    const refusals = await requests(31, visitor, 'object.read', counter, '2026-11-30T10:00:15.000Z');

    // Assert
    expect(refusals.slice(0, 30)).toEqual(Array(30).fill(undefined));
    const refusal = refusals[30];
    expect(refusal).toBeInstanceOf(TooManyRequests);
    expect(refusal?.statusCode).toBe(429);
    expect(refusal?.code).toBe('too-many-requests');
    expect(refusal?.headers).toEqual({ 'retry-after': '45' });
    expect(refusal?.message).toMatch(/at most 30 requests a minute/);
  });

  it('rounds Retry-After up to whole seconds, and never below one', async () => {
    // Arrange
    const counter = memoryRateCounter();
    await requests(30, visitor, 'object.read', counter, '2026-11-30T10:00:10.000Z');

    // Act
    const [early] = await requests(1, visitor, 'object.read', counter, '2026-11-30T10:00:20.400Z');
    const [late] = await requests(1, visitor, 'object.read', counter, '2026-11-30T10:00:59.900Z');

    // Assert
    expect(early?.headers['retry-after']).toBe('40');
    expect(late?.headers['retry-after']).toBe('1');
  });

  it('lets the caller in again when the next minute starts', async () => {
    // Arrange
    const counter = memoryRateCounter();
    await requests(31, visitor, 'object.read', counter, '2026-11-30T10:00:30.000Z');

    // Act
    const nextMinute = await requests(30, visitor, 'object.read', counter, '2026-11-30T10:01:00.000Z');

    // Assert
    expect(nextMinute).toEqual(Array(30).fill(undefined));
  });

  it("trips the public search limit before the general one, naming the search limit", async () => {
    // Arrange
    const counter = memoryRateCounter();

    // Act
    const refusals = await requests(11, visitor, 'search', counter, '2026-11-30T10:00:00.000Z');

    // Assert
    expect(refusals.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(refusals[10]?.message).toMatch(/at most 10 requests to search the registry a minute/);
    expect(refusals[10]?.headers).toEqual({ 'retry-after': '60' });
  });

  it('counts searches against the general limit too', async () => {
    // Arrange
    const counter = memoryRateCounter();
    await requests(10, visitor, 'search', counter, '2026-11-30T10:00:00.000Z');

    // Act
    const refusals = await requests(21, visitor, 'object.read', counter, '2026-11-30T10:00:00.000Z');

    // Assert
    expect(refusals.slice(0, 20)).toEqual(Array(20).fill(undefined));
    expect(refusals[20]?.message).toMatch(/at most 30 requests a minute/);
  });

  it('gives each caller a bucket of its own, even with the same sub in another organisation', async () => {
    // Arrange
    const counter = memoryRateCounter();
    await requests(31, visitor, 'object.read', counter, '2026-11-30T10:00:00.000Z');
    const otherVisitor = caller('public', 'public', 'visitor-2');
    const sameSubElsewhere = caller('public', 'another-public', 'visitor-1');

    // Act
    const other = await requests(30, otherVisitor, 'object.read', counter, '2026-11-30T10:00:00.000Z');
    const elsewhere = await requests(30, sameSubElsewhere, 'object.read', counter, '2026-11-30T10:00:00.000Z');

    // Assert
    expect(other).toEqual(Array(30).fill(undefined));
    expect(elsewhere).toEqual(Array(30).fill(undefined));
  });

  it('neither limits nor counts the requests of vetted organisations', async () => {
    // Arrange
    const counter = memoryRateCounter();
    const police = caller('police', 'hellenic-police', 'analyst-1');

    // Act
    const refusals = await requests(1000, police, 'search', counter, '2026-11-30T10:00:00.000Z');

    // Assert
    expect(refusals.filter(Boolean)).toEqual([]);
    expect(counter.expiries.size).toBe(0);
  });

  it('lets the counters expire a minute after their window ends', async () => {
    // Arrange
    const counter = memoryRateCounter();

    // Act
    await requests(1, visitor, 'search', counter, '2026-11-30T10:00:15.000Z');

    // Assert
    const windowEnd = Date.parse('2026-11-30T10:01:00.000Z') / 1000;
    expect([...counter.expiries.values()]).toEqual([windowEnd + 60, windowEnd + 60]);
  });

  it('gives the public and the market a general limit, and the public a search bucket too', () => {
    // Act
    const searchLimits = Role.options.map((role) => `${role} ${limitsFor(role, 'search').map((limit) => `${limit.key}=${limit.perMinute}`).join(' ')}`.trim());

    // Assert
    expect(searchLimits).toEqual(['museum', 'police', 'customs', 'market all=120', 'public search=10 all=30', 'admin']);
  });
});
