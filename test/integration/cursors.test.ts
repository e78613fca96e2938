// Forged and stale page cursors on the local stack: a 400 or an empty page, never a 500 (found by the fuzzer).
import { randomUUID } from 'node:crypto';
import { expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar', org: `museum-cursors-${run}`, role: 'museum' };
const police: Caller = { sub: 'analyst', org: `police-cursors-${run}`, role: 'police' };
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

it('refuses a forged cursor naming the field, and answers a cursor older than `since` with an empty page', async () => {
  // Arrange
  await api.call('POST', '/v1/subscriptions', { as: police, body: { name: 'Feed', delivery: { type: 'feed' }, filter: { events: ['new-object'] } } });

  // Act
  const objects = await Promise.all(
    [{ pk: 'x' }, {}, { pk: 'a', sk: 'b', listSk: 'c', listPk: 'SUBS#other' }].map((cursor) => api.call('GET', `/v1/objects?cursor=${cursorOf(cursor)}`, { as: museum })),
  );
  const audit = await api.call('GET', `/v1/audit?actor=${police.sub}&cursor=${cursorOf({ pk: 'x' })}`, { as: { sub: 'ops', org: 'registry-operators', role: 'admin' } });
  const stale = await api.call('GET', `/v1/alerts?since=2026-11-01T00:00:00.000Z&cursor=${cursorOf({ before: '\u0000' })}`, { as: police });

  // Assert
  expect(objects.map((reply) => [reply.status, reply.body.error.fields])).toEqual(Array(3).fill([400, [{ path: 'cursor', reason: 'is not a valid cursor' }]]));
  expect(audit.status).toBe(400);
  expect(stale.status).toBe(200);
  expect(stale.body.items).toEqual([]);
});
