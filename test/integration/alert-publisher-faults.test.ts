// The alert publisher against throttled services: a fifth of its SNS publishes and of its DynamoDB writes and reads
// refused with AWS's own throttling errors. The SDK retries, the batch reports what still failed, Lambda runs it
// again, and every subscriber gets every alert exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { dynamoThrottling, snsThrottling, startFaultProxy } from '../support/fault-proxy.ts';
import { partnerQueue } from '../support/partners.ts';
import { alertIdsOf, alertsTopicArn, publisherEnvironment, rerunUntilDone, streamBatch, writeBatch } from '../support/publisher-runs.ts';

const run = randomUUID().slice(0, 8);
const awsEndpoint = inject('awsEndpoint');
const api = apiClient(inject('apiUrl'));
const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('a publisher whose services throttle it', () => {
  it('delivers every alert of the batch exactly once to each subscriber', async () => {
    // Arrange
    const objectType = `throttled ${run}`;
    const queues = await Promise.all([partnerQueue(awsEndpoint, `partner-throttled-a-${run}`), partnerQueue(awsEndpoint, `partner-throttled-b-${run}`)]);
    for (const queue of queues) closers.push(() => queue.close());
    for (const [n, queue] of queues.entries()) {
      const police = { sub: 'analyst', org: `police-throttled-${n}-${run}`, role: 'police' as const };
      const subscribed = await api.call('POST', '/v1/subscriptions', {
        as: police,
        body: { name: 'Throttled', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['new-object'], objectTypes: [objectType] } },
      });
      expect(subscribed.status).toBe(201);
    }
    const sns = await startFaultProxy(awsEndpoint, snsThrottling(['Publish']), { rate: 0.2, seed: 7 });
    const dynamo = await startFaultProxy(inject('dynamoEndpoint'), dynamoThrottling(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem']), { rate: 0.2, seed: 11 });
    closers.push(sns.close, dynamo.close);
    const batch = streamBatch(objectType, 8, `museum-throttled-${run}`);
    const environment = publisherEnvironment({ aws: awsEndpoint, sns: sns.url, dynamo: dynamo.url, apiUrl: inject('apiUrl'), topicArn: await alertsTopicArn(awsEndpoint) });

    // Act
    const runs = await rerunUntilDone(await writeBatch(batch), environment);
    for (const queue of queues) {
      await queue.until((messages) => messages.length >= batch.Records.length);
      await queue.drain(2000);
    }

    // Assert: the faults happened, and nothing was lost or sent twice
    expect(sns.counts().injected).toBeGreaterThan(0);
    expect(dynamo.counts().injected).toBeGreaterThan(0);
    expect(runs).toBeGreaterThanOrEqual(1);
    for (const queue of queues) expect(queue.received.map((message) => message.body.alertId).sort()).toEqual(alertIdsOf(batch).sort());
  }, 240_000);
});
