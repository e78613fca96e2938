// Twenty registrars editing one object at once, round after round: one edit wins each version, the others get 409,
// and the history holds every version once, in order.
import { randomUUID } from 'node:crypto';
import { expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { apiClient } from '../support/api.ts';
import { greekIcon } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const org = `museum-concurrent-${randomUUID().slice(0, 8)}`;
const registrars: Caller[] = Array.from({ length: 20 }, (_, n) => ({ sub: `registrar-${n}`, org, role: 'museum' }));
const rounds = 5;

it('lets exactly one of 20 concurrent edits win each version, answers the others 409, and keeps a history without gaps', async () => {
  // Arrange
  const created = await api.call('POST', '/v1/objects', { as: registrars[0], body: RegisterObject.parse(greekIcon) });
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  // Act
  const statusesByRound: number[][] = [];
  for (let version = 1; version <= rounds; version++) {
    const replies = await Promise.all(
      registrars.map((as, n) => api.call('PATCH', `/v1/objects/${id}`, { as, headers: { 'if-match': `"${version}"` }, body: { title: `Άγιος Νικόλαος, edit ${version}.${n}` } })),
    );
    statusesByRound.push(replies.map((reply) => reply.status));
  }
  const history = await api.call('GET', `/v1/objects/${id}/history`, { as: registrars[0] });
  const final = await api.call('GET', `/v1/objects/${id}`, { as: registrars[0] });

  // Assert
  for (const statuses of statusesByRound) {
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(registrars.length - 1);
  }
  const versions = (history.body.items as { version: number }[]).map((entry) => entry.version);
  expect(versions).toEqual(Array.from({ length: rounds + 1 }, (_, n) => n + 1));
  expect(final.body.version).toBe(rounds + 1);
  expect(final.headers.get('etag')).toBe(`"${rounds + 1}"`);
});
