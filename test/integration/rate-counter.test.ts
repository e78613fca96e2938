// The DynamoDB rate counter against DynamoDB Local: atomic counts under concurrency, and a TTL on every counter.
import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rateTable } from '../../infra/resources.ts';
import type { RateCounter } from '../../functions/http/rate-limit.ts';
import { adapterEnvironment, scratchTable } from '../support/adapter-env.ts';

const endpoint = inject('dynamoEndpoint');
const tableName = `${rateTable.localName}-${randomUUID().slice(0, 8)}`;
let table: Awaited<ReturnType<typeof scratchTable>>;
let counter: RateCounter;

beforeAll(async () => {
  adapterEnvironment(endpoint);
  table = await scratchTable(endpoint, tableName, { partitionKey: rateTable.partitionKey });
  const { dynamoRateCounter } = await import('../../functions/adapters/dynamo-rate-counter.ts');
  counter = dynamoRateCounter(tableName);
});

afterAll(async () => {
  await table.drop();
});

describe('the DynamoDB rate counter', () => {
  it('hands out every count from 1 to 50 exactly once under 50 concurrent hits', async () => {
    // Arrange
    const key = `all#public#visitor-${randomUUID()}`;

    // Act
    const counts = await Promise.all(Array.from({ length: 50 }, () => counter.hit(key, 1_796_032_800, 1_796_032_920)));

    // Assert
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });

  it('starts a fresh count in the next window and sets the expiration attribute on the counter', async () => {
    // Arrange
    const key = `search#public#visitor-${randomUUID()}`;
    await counter.hit(key, 1_796_032_800, 1_796_032_920);

    // Act
    const count = await counter.hit(key, 1_796_032_860, 1_796_032_980);

    // Assert
    expect(count).toBe(1);
    const stored = await table.admin.send(new GetItemCommand({ TableName: tableName, Key: { [rateTable.partitionKey]: { S: `${key}#1796032860` } } }));
    expect(stored.Item?.[rateTable.ttlAttribute]).toEqual({ N: '1796032980' });
    expect(stored.Item?.count).toEqual({ N: '1' });
  });
});
