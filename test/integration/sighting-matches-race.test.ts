// Objects matched against one sighting at the same moment (a stream batch runs in parallel) all stay in its list of
// matches: the race the load script found, when each write replaced the list the other had just written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { table } from '../../infra/resources.ts';
import type { SightingRepository } from '../../functions/sightings/model.ts';
import { openMatch, pendingSighting } from '../fixtures/sightings.ts';
import { adapterEnvironment, scratchTable } from '../support/adapter-env.ts';

const endpoint = inject('dynamoEndpoint');
const tableName = `sightings-race-${randomUUID().slice(0, 8)}`;
let scratch: Awaited<ReturnType<typeof scratchTable>>;
let sightings: SightingRepository;

beforeAll(async () => {
  adapterEnvironment(endpoint);
  scratch = await scratchTable(endpoint, tableName, { partitionKey: table.partitionKey, sortKey: table.sortKey });
  const { dynamoSightings } = await import('../../functions/adapters/dynamo-sightings.ts');
  sightings = dynamoSightings(tableName);
});

afterAll(async () => {
  await scratch.drop();
});

it('keeps every match of twelve objects matched against one sighting at once', async () => {
  // Arrange
  const sighting = pendingSighting();
  const at = sighting.createdAt;
  await sightings.create(sighting);
  const matches = Array.from({ length: 12 }, () => openMatch(sighting));

  // Act
  await Promise.all(matches.map((match) => sightings.recordMatches(sighting.id, [match], at)));
  const stored = await sightings.get(sighting.id);

  // Assert
  expect(stored?.status).toBe('matched');
  expect([...(stored?.matchIds ?? [])].sort()).toEqual(matches.map((match) => match.id).sort());
  expect((await sightings.getMatches(matches.map((match) => match.id))).length).toBe(matches.length);
});
