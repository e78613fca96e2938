// Runs the real alert publisher over a stream batch in processes of its own (test/support/publisher-crash.ts), as
// Lambda invocations would, against the local emulators: for the tests that inject faults into it.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import { alertsTopic, auditTable, bucket, env, rateTable, table } from '../../infra/resources.ts';
import type { StoredObject } from '../../functions/objects/model.ts';
import { greekIcon } from '../fixtures/objects.ts';

const harness = resolve(import.meta.dirname, 'publisher-crash.ts');

export async function alertsTopicArn(awsEndpoint: string): Promise<string> {
  const sns = new SNSClient({ endpoint: awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return (await sns.send(new CreateTopicCommand({ Name: alertsTopic.localName }))).TopicArn ?? '';
  } finally {
    sns.destroy();
  }
}

/** New objects as the table stream shows them; never written to the table, so only the test's publisher sees them. */
export function streamBatch(objectType: string, count: number, orgId: string) {
  const at = new Date().toISOString();
  const run = randomUUID().slice(0, 8);
  return {
    Records: Array.from({ length: count }, (_, n) => {
      const object: StoredObject = { ...greekIcon, objectType, id: randomUUID(), version: 1, orgId, createdBy: 'registrar', createdAt: at, updatedAt: at };
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

export type StreamBatch = ReturnType<typeof streamBatch>;

/** The new-object alert ids the batch owes its subscribers. */
export const alertIdsOf = (batch: StreamBatch) => batch.Records.map((record) => `new-object:${(record.dynamodb.Keys['pk']?.S ?? '').slice('OBJ#'.length)}`);

export async function writeBatch(batch: StreamBatch): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'publisher-')), 'batch.json');
  await writeFile(file, JSON.stringify(batch));
  return file;
}

/** The publisher's environment, as the stack gives it, pointed at the emulators (or at proxies in front of them). */
export function publisherEnvironment(endpoints: { aws: string; dynamo: string; sns?: string; apiUrl: string; topicArn: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL: endpoints.aws,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
    ...(endpoints.sns ? { AWS_ENDPOINT_URL_SNS: endpoints.sns } : {}),
    [env.table]: table.localName,
    [env.auditTable]: auditTable.localName,
    [env.rateTable]: rateTable.localName,
    [env.bucket]: bucket.localName,
    [env.alertsTopic]: endpoints.topicArn,
    [env.jwtIssuer]: 'http://127.0.0.1/unused',
    [env.jwtAudience]: 'unused',
    [env.jwksUri]: 'http://127.0.0.1/unused/jwks.json',
    [env.apiUrl]: endpoints.apiUrl,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
}

/**
 * One invocation. `kill.before: n` kills it (SIGKILL) as it is about to publish its (n + 1)-th alert; `kill.after: n`
 * as soon as its n-th alert is published, before the publisher records that it was.
 */
export async function runPublisher(batchFile: string, environment: NodeJS.ProcessEnv, kill?: { before: number } | { after: number }) {
  const flag = kill ? ('before' in kill ? ['--kill-after', String(kill.before)] : ['--kill-after-published', String(kill.after)]) : [];
  const args = [harness, batchFile, ...flag];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { env: environment });
    return { killed: false, response: JSON.parse(stdout) as { batchItemFailures: unknown[] } };
  } catch (error) {
    const failure = error as { signal?: string; stderr?: string };
    if (failure.signal === 'SIGKILL') return { killed: true, response: undefined };
    // Out of time (middy ends it, as Lambda would): the invocation failed, and Lambda retries the whole batch.
    if (failure.stderr?.includes('TimeoutError')) return { killed: false, response: undefined };
    throw new Error(`publisher failed: ${failure.stderr ?? String(error)}`);
  }
}

/** Invokes again, as Lambda retries a batch with failures, until one run reports none; the number of runs. */
export async function rerunUntilDone(batchFile: string, environment: NodeJS.ProcessEnv, maxRuns = 15): Promise<number> {
  for (let runs = 1; runs <= maxRuns; runs++) {
    const { response } = await runPublisher(batchFile, environment);
    if (response?.batchItemFailures.length === 0) return runs;
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  }
  throw new Error(`the batch still had failures after ${maxRuns} runs`);
}
