// Objects matched against one sighting at the same moment (a stream batch runs in parallel) all stay in its list of
// matches: the race the load script found, when each write replaced the list the other had just written.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { table } from '../../infra/resources.ts';
import type { SightingRepository, StoredMatch, StoredSighting } from '../../functions/sightings/model.ts';
import { adapterEnvironment } from '../support/adapter-env.ts';

const endpoint = inject('dynamoEndpoint');
const tableName = `sightings-race-${randomUUID().slice(0, 8)}`;
const admin = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
let sightings: SightingRepository;

beforeAll(async () => {
  adapterEnvironment(endpoint);
  await admin.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [table.partitionKey, table.sortKey].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  await waitUntilTableExists({ client: admin, maxWaitTime: 30 }, { TableName: tableName });
  const { dynamoSightings } = await import('../../functions/adapters/dynamo-sightings.ts');
  sightings = dynamoSightings(tableName);
});

afterAll(async () => {
  await admin.send(new DeleteTableCommand({ TableName: tableName }));
  admin.destroy();
});

it('keeps every match of twelve objects matched against one sighting at once', async () => {
  // Arrange
  const at = new Date().toISOString();
  const sighting: StoredSighting = {
    id: randomUUID(),
    channel: 'customs',
    text: 'Icon of Saint Nicholas',
    seenAt: { date: '2026-11-20', country: 'AL' },
    status: 'pending',
    reportedBy: { sub: 'officer', org: 'customs', role: 'customs' },
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    matchIds: [],
  };
  await sightings.create(sighting);
  const matchFor = (): StoredMatch => ({
    id: randomUUID(),
    sightingId: sighting.id,
    objectId: randomUUID(),
    score: 0.9,
    confidence: 'high',
    reasons: [],
    status: 'open',
    createdAt: at,
    objectOrgId: 'museum',
    sightingCountry: 'AL',
  });
  const matches = Array.from({ length: 12 }, matchFor);

  // Act
  await Promise.all(matches.map((match) => sightings.recordMatches(sighting.id, [match], at)));
  const stored = await sightings.get(sighting.id);

  // Assert
  expect(stored?.status).toBe('matched');
  expect([...(stored?.matchIds ?? [])].sort()).toEqual(matches.map((match) => match.id).sort());
  expect((await sightings.getMatches(matches.map((match) => match.id))).length).toBe(matches.length);
});
