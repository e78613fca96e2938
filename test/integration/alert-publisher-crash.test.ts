// Killing the alert publisher mid-batch loses nothing and duplicates nothing: after a restart, every alert of the
// batch reaches the subscriber exactly once.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { alertsTopic, auditTable, bucket, env, rateTable, table } from '../../infra/resources.ts';
import type { StoredObject } from '../../functions/objects/model.ts';
import { apiClient } from '../support/api.ts';
import { partnerQueue } from '../support/partners.ts';
import { greekIcon } from '../fixtures/objects.ts';

const run = randomUUID().slice(0, 8);
const awsEndpoint = inject('awsEndpoint');
const harness = resolve(import.meta.dirname, '../support/publisher-crash.ts');
const api = apiClient(inject('apiUrl'));

async function topicArn() {
  const sns = new SNSClient({ endpoint: awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return (await sns.send(new CreateTopicCommand({ Name: alertsTopic.localName }))).TopicArn ?? '';
  } finally {
    sns.destroy();
  }
}

/** New objects as the table stream shows them; never written to the table, so only this test's publisher sees them. */
function streamBatch(objectType: string, count: number) {
  const at = new Date().toISOString();
  return {
    Records: Array.from({ length: count }, (_, n) => {
      const object: StoredObject = { ...greekIcon, objectType, id: randomUUID(), version: 1, orgId: `museum-crash-${run}`, createdBy: 'registrar', createdAt: at, updatedAt: at };
      return {
        eventID: `${run}-${n}`,
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/registry/stream/local',
        dynamodb: {
          Keys: marshall({ pk: `OBJ#${object.id}`, sk: 'META' }),
          NewImage: marshall({ pk: `OBJ#${object.id}`, sk: 'META', entity: 'object', record: object }, { removeUndefinedValues: true }),
          SequenceNumber: String(1000 + n),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      };
    }),
  };
}

async function runPublisher(batchFile: string, environment: NodeJS.ProcessEnv, killAfter?: number) {
  const args = [harness, batchFile, ...(killAfter !== undefined ? ['--kill-after', String(killAfter)] : [])];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { env: environment });
    return { killed: false, response: JSON.parse(stdout) as { batchItemFailures: unknown[] } };
  } catch (error) {
    const failure = error as { signal?: string; stderr?: string };
    if (failure.signal !== 'SIGKILL') throw new Error(`publisher failed: ${failure.stderr ?? String(error)}`);
    return { killed: true, response: undefined };
  }
}

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
    const batch = streamBatch(objectType, 6);
    const batchFile = join(await mkdtemp(join(tmpdir(), 'crash-')), 'batch.json');
    await writeFile(batchFile, JSON.stringify(batch));
    const environment = {
      ...process.env,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL: awsEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      [env.table]: table.localName,
      [env.auditTable]: auditTable.localName,
      [env.rateTable]: rateTable.localName,
      [env.bucket]: bucket.localName,
      [env.alertsTopic]: await topicArn(),
      [env.jwtIssuer]: 'http://127.0.0.1/unused',
      [env.jwtAudience]: 'unused',
      [env.jwksUri]: 'http://127.0.0.1/unused/jwks.json',
      [env.apiUrl]: inject('apiUrl'),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };

    // Act: killed before its fourth alert, then run again as Lambda retries the batch, until it reports no failure.
    const crashed = await runPublisher(batchFile, environment, 3);
    let attempts = 0;
    for (let done = false; !done && attempts < 10; attempts++) {
      const { response } = await runPublisher(batchFile, environment);
      done = response?.batchItemFailures.length === 0;
      if (!done) await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
    }
    await queue.until((messages) => messages.length >= 6);
    await queue.drain(2000);

    // Assert
    const expected = batch.Records.map((record) => `new-object:${(record.dynamodb.Keys.pk?.S ?? '').slice('OBJ#'.length)}`);
    expect(crashed.killed).toBe(true);
    expect(attempts).toBeLessThan(10);
    expect(queue.received.map((message) => message.body.alertId).sort()).toEqual(expected.sort());
  }, 60_000);
});
