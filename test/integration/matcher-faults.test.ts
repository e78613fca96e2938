// The matcher when its writes fail: a share of its DynamoDB writes refused outright (not throttled: the SDK does not
// retry them), so records of its stream batches fail and are run again, as Lambda does; or a share of its writes land
// and their replies are lost, so the SDK's retry meets a conditional-check failure on what it wrote itself. Afterwards
// every sighting has settled exactly as in a run without faults: no match lost, none made twice, none stuck pending.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { env, table } from '../../infra/resources.ts';
import { ensureTable } from '../../scripts/local/provision.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { adapterEnvironment } from '../support/adapter-env.ts';
import { type Fault, dynamoLostReply, dynamoRefusal, startFaultProxy } from '../support/fault-proxy.ts';
import { publisherEnvironment } from '../support/publisher-runs.ts';
import { caller, greekIcon, italianPainting, malianTerracotta, mughalFolio } from '../fixtures/objects.ts';

const dynamoEndpoint = inject('dynamoEndpoint');
const awsEndpoint = inject('awsEndpoint');
adapterEnvironment(dynamoEndpoint);
// The adapters read their endpoint when they load: after the environment above.
const { dynamoRegistry } = await import('../../functions/adapters/dynamo-registry.ts');
const { dynamoSightings } = await import('../../functions/adapters/dynamo-sightings.ts');
const { newObject } = await import('../../functions/objects/register.ts');

const run = randomUUID().slice(0, 8);
const harness = resolve(import.meta.dirname, '../support/matcher-run.ts');
const admin = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const bucketName = `matcher-faults-${run}`;
const tablesMade: string[] = [];
const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  for (const name of tablesMade) await admin.send(new DeleteTableCommand({ TableName: name }));
  admin.destroy();
});

const museum = caller('museum', `museum-faults-${run}`);
const customs = caller('customs', `customs-faults-${run}`);
// Inventory numbers as museums write them, unique to the run.
const number = Number.parseInt(run.slice(0, 6), 16) % 900_000;
const records = [greekIcon, italianPainting, malianTerracotta, mughalFolio].map((record, n) =>
  RegisterObject.parse({ ...record, markings: [{ kind: 'inventory-number', text: `FLT ${number} ${n}` }] }),
);
const reports = (n: number) =>
  [
    `Post-Byzantine icon of Saint Nicholas blessing, gold ground, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ, inventory FLT ${number} 0 on the back`,
    `Dipinto su tavola, Madonna col Bambino, fondo oro, etichetta FLT ${number} 1 sul retro`,
    `A brass ship's lantern with a cracked green glass, bought at a car-boot sale`,
  ][n % 3] ?? '';

/** The same objects and sightings, with the same ids, in a registry table of its own. */
async function registryWith(tableName: string, ids: { objects: string[]; sightings: string[] }, at: string) {
  await ensureTable(admin, tableName, table);
  tablesMade.push(tableName);
  const objects = dynamoRegistry(tableName);
  const sightings = dynamoSightings(tableName);
  for (const [n, record] of records.entries()) {
    const { object, entry } = newObject(record, museum.org, museum, at, ids.objects[n] ?? '');
    await objects.create(object, entry);
  }
  const stored = ids.sightings.map((id, n) => ({
    channel: 'customs' as const,
    text: reports(n),
    lang: 'en',
    seenAt: { date: at.slice(0, 10), country: 'AL' },
    id,
    status: 'pending' as const,
    reportedBy: customs,
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    matchIds: [],
    redLists: [],
  }));
  for (const sighting of stored) await sightings.create(sighting);
  return { tableName, sightings, stored };
}

/** The stream's INSERT records of the sightings, ten to a batch as the event source mapping takes them. */
async function batchFiles(stored: { id: string }[]): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'matcher-faults-'));
  const files: string[] = [];
  for (let start = 0; start < stored.length; start += 10) {
    const Records = stored.slice(start, start + 10).map((sighting, n) => ({
      eventID: `${run}-${start + n}`,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: {
        Keys: marshall({ pk: `SIGHT#${sighting.id}`, sk: 'META' }),
        NewImage: marshall({ pk: `SIGHT#${sighting.id}`, sk: 'META', entity: 'sighting', record: sighting }, { removeUndefinedValues: true }),
        SequenceNumber: String(1000 + start + n),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    }));
    const file = join(folder, `batch-${start}.json`);
    await writeFile(file, JSON.stringify({ Records }));
    files.push(file);
  }
  return files;
}

/**
 * Runs the matcher over the batch again and again, as Lambda retries a batch with failed records, or a whole batch
 * when the invocation fails (every record failed, or the index could not load), until one run reports no failure.
 */
async function matchUntilDone(file: string, environment: NodeJS.ProcessEnv): Promise<{ runs: number; failedInvocations: number }> {
  let failedInvocations = 0;
  for (let runs = 1; runs <= 20; runs++) {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [harness, file], { env: environment });
      if ((JSON.parse(stdout) as { batchItemFailures: unknown[] }).batchItemFailures.length === 0) return { runs, failedInvocations };
    } catch (error) {
      // A lost reply surfaces only when the SDK's retries ran out on it: its message is the injected one too.
      if (!String((error as { stderr?: string }).stderr).includes('Injected by the fault proxy')) throw error;
      failedInvocations += 1;
    }
  }
  throw new Error(`batch ${file} still had failures after 20 runs`);
}

async function outcome(sightings: ReturnType<typeof dynamoSightings>, ids: string[]) {
  return Promise.all(
    ids.map(async (id) => {
      const sighting = await sightings.get(id);
      const matches = await sightings.getMatches(sighting?.matchIds ?? []);
      return { id, status: sighting?.status, matches: matches.map((match) => `${match.id}:${match.objectId}`).sort(), matchIds: sighting?.matchIds.length };
    }),
  );
}

const scenarios: { name: string; fault: Fault; rate: number; retried: boolean }[] = [
  { name: 'a share of its writes and reads refused', fault: dynamoRefusal(['TransactWriteItems', 'UpdateItem', 'Query']), rate: 0.1, retried: true },
  // The SDK retries a lost reply itself, so a batch needs running again only when the code misreads the retry's conditional-check failure.
  { name: 'a share of its writes landing with their replies lost', fault: dynamoLostReply(['TransactWriteItems', 'UpdateItem', 'PutItem']), rate: 0.25, retried: false },
];

beforeAll(async () => {
  const s3 = new S3Client({ endpoint: awsEndpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
  s3.destroy();
});

describe.each(scenarios)('a matcher with $name', ({ name, fault, rate, retried }) => {
  it('settles every sighting exactly as a run without faults does', async () => {
    // Arrange
    const ids = { objects: records.map(() => randomUUID()), sightings: Array.from({ length: 30 }, () => randomUUID()) };
    const at = new Date().toISOString();
    const tag = name.split(' ').at(-1);
    const faulty = await registryWith(`registry-faulty-${tag}-${run}`, ids, at);
    const clean = await registryWith(`registry-clean-${tag}-${run}`, ids, at);
    const proxy = await startFaultProxy(dynamoEndpoint, fault, { rate, seed: 23 });
    closers.push(proxy.close);
    const environmentFor = (tableName: string, dynamo: string) => ({
      ...publisherEnvironment({ aws: awsEndpoint, dynamo, apiUrl: 'http://127.0.0.1/unused', topicArn: 'arn:aws:sns:us-east-1:000000000000:unused' }),
      [env.table]: tableName,
      [env.bucket]: bucketName,
    });

    // Act
    const runs: { runs: number; failedInvocations: number }[] = [];
    for (const file of await batchFiles(faulty.stored)) runs.push(await matchUntilDone(file, environmentFor(faulty.tableName, proxy.url)));
    for (const file of await batchFiles(clean.stored)) await matchUntilDone(file, environmentFor(clean.tableName, dynamoEndpoint));
    const withFaults = await outcome(faulty.sightings, ids.sightings);
    const withoutFaults = await outcome(clean.sightings, ids.sightings);

    // Assert: faults happened and were retried, and the outcome is the same to the match
    expect(proxy.counts().injected).toBeGreaterThan(0);
    expect(runs.some((batch) => batch.runs > 1)).toBe(retried);
    expect(withFaults.filter((sighting) => sighting.status !== 'matched' && sighting.status !== 'no-match')).toEqual([]);
    expect(withFaults.filter((sighting) => sighting.matchIds !== sighting.matches.length)).toEqual([]);
    expect(withFaults).toEqual(withoutFaults);
    expect(withFaults.filter((sighting) => sighting.status === 'matched').length).toBeGreaterThanOrEqual(20);
  }, 300_000);
});
