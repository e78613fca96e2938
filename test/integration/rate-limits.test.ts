// The rate limits of infra/throttles.ts on the local stack: a member of the public who searches too fast gets 429 with
// Retry-After, and someone else does not.
import { randomUUID } from 'node:crypto';
import { expect, inject, it } from 'vitest';
import { actionRequestsPerMinute } from '../../infra/throttles.ts';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const visitor: Caller = { sub: `visitor-${run}`, org: `public-${run}`, role: 'public' };
const otherVisitor: Caller = { sub: `visitor-b-${run}`, org: `public-${run}`, role: 'public' };

it("refuses a public caller's searches over the minute's limit with 429 and Retry-After, and not another caller's", async () => {
  // Arrange: all in one minute window
  const limit = actionRequestsPerMinute.search?.public ?? 0;
  const secondsIntoMinute = new Date().getUTCSeconds();
  if (secondsIntoMinute > 45) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
  const search = (as: Caller) => api.call('POST', '/v1/search', { as, body: { text: 'icon of Saint Nicholas', lang: 'en', limit: 1 } });

  // Act
  const statuses: number[] = [];
  for (let n = 0; n <= limit; n++) statuses.push((await search(visitor)).status);
  const refused = await search(visitor);
  const other = await search(otherVisitor);

  // Assert
  expect(limit).toBeGreaterThan(0);
  expect(statuses).toEqual([...Array(limit).fill(200), 429]);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  expect(refused.body.error.code).toBe('too-many-requests');
  expect(other.status).toBe(200);
});
