// Killing the alert publisher mid-batch loses nothing and duplicates nothing: after a restart, every alert of the
// batch reaches the subscriber exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { partnerQueue } from '../support/partners.ts';
import { alertIdsOf, alertsTopicArn, publisherEnvironment, rerunUntilDone, runPublisher, streamBatch, writeBatch } from '../support/publisher-runs.ts';

const run = randomUUID().slice(0, 8);
const awsEndpoint = inject('awsEndpoint');
const api = apiClient(inject('apiUrl'));

const queues: { close(): unknown }[] = [];
afterAll(() => queues.forEach((queue) => queue.close()));

describe('a publisher killed mid-batch', () => {
  it('delivers every alert of the batch exactly once after it restarts', async () => {
    // Arrange
    const objectType = `crash ${run}`;
    const queue = await partnerQueue(awsEndpoint, `partner-crash-${run}`);
    queues.push(queue);
    const police = { sub: 'analyst', org: `police-crash-${run}`, role: 'police' as const };
    const subscribed = await api.call('POST', '/v1/subscriptions', {
      as: police,
      body: { name: 'Crash test', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['new-object'], objectTypes: [objectType] } },
    });
    expect(subscribed.status).toBe(201);
    const batch = streamBatch(objectType, 6, `museum-crash-${run}`);
    const batchFile = await writeBatch(batch);
    const environment = publisherEnvironment({ aws: awsEndpoint, dynamo: inject('dynamoEndpoint'), apiUrl: inject('apiUrl'), topicArn: await alertsTopicArn(awsEndpoint) });

    // Act: killed before its fourth alert, then run again as Lambda retries the batch, until it reports no failure.
    const crashed = await runPublisher(batchFile, environment, 3);
    const runs = await rerunUntilDone(batchFile, environment);
    await queue.until((messages) => messages.length >= 6);
    await queue.drain(2000);

    // Assert
    expect(crashed.killed).toBe(true);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(queue.received.map((message) => message.body.alertId).sort()).toEqual(alertIdsOf(batch).sort());
  }, 60_000);
});
