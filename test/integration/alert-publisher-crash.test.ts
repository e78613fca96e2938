// Killing the alert publisher mid-batch loses nothing and duplicates nothing: after a restart, every alert of the
// batch reaches the subscriber exactly once; killed between SNS taking an alert and the record that it did, the
// rerun publishes that alert again, and the webhook delivery (idempotent on subscription and alert) posts it once.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { partnerQueue, webhookReceiver } from '../support/partners.ts';
import { until } from '../support/until.ts';
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
    const crashed = await runPublisher(batchFile, environment, { before: 3 });
    const runs = await rerunUntilDone(batchFile, environment);
    await queue.until((messages) => messages.length >= 6);
    await queue.drain(2000);

    // Assert
    expect(crashed.killed).toBe(true);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(queue.received.map((message) => message.body.alertId).sort()).toEqual(alertIdsOf(batch).sort());
  }, 60_000);

  it('killed after publishing but before recording it, still posts each alert once to a webhook', async () => {
    // Arrange
    const objectType = `published ${run}`;
    const receiver = await webhookReceiver();
    queues.push(receiver);
    const rawCopy = await partnerQueue(awsEndpoint, `partner-published-${run}`);
    queues.push(rawCopy);
    const police = { sub: 'analyst', org: `police-published-${run}`, role: 'police' as const };
    for (const delivery of [{ type: 'webhook', url: receiver.url }, { type: 'sqs', queueArn: rawCopy.arn }]) {
      const subscribed = await api.call('POST', '/v1/subscriptions', { as: police, body: { name: delivery.type, delivery, filter: { events: ['new-object'], objectTypes: [objectType] } } });
      expect(subscribed.status).toBe(201);
    }
    const batch = streamBatch(objectType, 4, `museum-published-${run}`);
    const batchFile = await writeBatch(batch);
    const environment = publisherEnvironment({ aws: awsEndpoint, dynamo: inject('dynamoEndpoint'), apiUrl: inject('apiUrl'), topicArn: await alertsTopicArn(awsEndpoint) });

    // Act: SNS has the second alert, the publisher never learns it: the rerun publishes it again
    const crashed = await runPublisher(batchFile, environment, { after: 2 });
    await rerunUntilDone(batchFile, environment);
    await until(() => receiver.accepted().length, (count) => count >= batch.Records.length, 30_000);
    await rawCopy.until((messages) => messages.length > batch.Records.length);
    await new Promise((resolveWait) => setTimeout(resolveWait, 3000));

    // Assert: SNS did carry the second alert twice (a raw SQS subscriber sees both copies, with one alertId, and
    // drops the second); the delivery function, idempotent on subscription and alert, posts it to the webhook once.
    expect(crashed.killed).toBe(true);
    expect(rawCopy.received).toHaveLength(batch.Records.length + 1);
    expect(new Set(rawCopy.received.map((message) => message.body.alertId)).size).toBe(batch.Records.length);
    expect(receiver.accepted().map((call) => JSON.parse(call.body).alertId).sort()).toEqual(alertIdsOf(batch).sort());
  }, 90_000);
});
