// Alert latency on the local stack: from POST /v1/sightings to the match alert in a subscriber's SQS queue, over
// 200 sightings, with the alerts lost and duplicated; baseline: a bare SNS publish to the same queue, same run.
// `node bench/alerts.ts [sightings]`
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateTopicCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { RegisterObject } from '../schemas/object-id.ts';
import { alertsTopic } from '../infra/resources.ts';
import { caller, greekIcon, italianPainting, malianTerracotta, mughalFolio } from '../test/fixtures/objects.ts';
import { apiClient } from '../test/support/api.ts';
import { launchLocalStack } from '../test/support/local-stack.ts';
import { partnerQueue } from '../test/support/partners.ts';
import { percentile } from '../test/support/stats.ts';

const sightingCount = Number(process.argv[2] ?? 200);
const perSecond = 4;
const warmUp = 5;
const graceMs = 30_000;

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

const dataDir = await mkdtemp(join(tmpdir(), 'bench-alerts-'));
const stack = await launchLocalStack(dataDir);
const api = apiClient(stack.url);
const queue = await partnerQueue(stack.awsEndpoint, 'bench-partner');
const sns = new SNSClient({ endpoint: stack.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

try {
  // Twenty objects of four kinds, told apart by their inventory numbers as museums' records are.
  const museum = caller('museum', 'bench-museum');
  const police = caller('police', 'bench-police');
  const fixtures = [greekIcon, italianPainting, malianTerracotta, mughalFolio];
  const objects: { id: string; record: RegisterObject; number: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const number = `INV ${String(40_000 + i * 7919).padStart(6, '0')}`;
    const record = RegisterObject.parse({ ...fixtures[i % fixtures.length], markings: [{ kind: 'inventory-number', text: number }] });
    const reply = await api.call('POST', '/v1/objects', { as: museum, body: record });
    if (reply.status !== 201) throw new Error(`registering failed: ${JSON.stringify(reply.body)}`);
    objects.push({ id: reply.body.id as string, record, number });
  }
  const subscribed = await api.call('POST', '/v1/subscriptions', {
    as: police,
    body: { name: 'Bench', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['match'] } },
  });
  if (subscribed.status !== 201) throw new Error(`subscribing failed: ${JSON.stringify(subscribed.body)}`);

  // Each alert is matched to the sighting that raised it; arrival is stamped when the queue hands it over.
  const sentAt = new Map<string, { at: number; objectId: string }>();
  const arrivals = new Map<string, number[]>();
  let receiving = true;
  const receiver = (async () => {
    while (receiving) {
      const before = queue.received.length;
      await queue.drain(500);
      for (const message of queue.received.slice(before)) {
        const key = `${message.body.match?.sighting.id}|${message.body.object.id}`;
        arrivals.set(key, [...(arrivals.get(key) ?? []), performance.now()]);
      }
    }
  })();

  async function report(n: number) {
    const object = objects[n % objects.length];
    if (!object) return;
    const record = object.record;
    const started = performance.now();
    const reply = await api.call('POST', '/v1/sightings', {
      as: caller('customs', 'bench-customs'),
      body: {
        channel: 'customs',
        lang: record.lang,
        text: `${record.description} ${record.distinguishingFeatures ?? ''} ${object.number}`,
        seenAt: { date: '2026-11-20', country: 'AL' },
      },
    });
    if (reply.status !== 202) throw new Error(`sighting refused: ${JSON.stringify(reply.body)}`);
    sentAt.set(`${reply.body.id}|${object.id}`, { at: started, objectId: object.id });
  }

  // Warm-up: the first sightings load the matcher and its index, as a cold start would; they are not counted.
  for (let n = 0; n < warmUp; n++) await report(n);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  sentAt.clear();
  arrivals.clear();

  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let n = 0; n < sightingCount; n++) {
    const due = started + (n * 1000) / perSecond;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    sends.push(report(n));
  }
  await Promise.all(sends);
  const deadline = performance.now() + graceMs;
  while (performance.now() < deadline && [...sentAt.keys()].some((key) => !arrivals.has(key))) await new Promise((resolve) => setTimeout(resolve, 200));
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const latencies = [...sentAt].flatMap(([key, sent]) => (arrivals.get(key)?.[0] !== undefined ? [(arrivals.get(key)?.[0] ?? 0) - sent.at] : []));
  const lost = [...sentAt.keys()].filter((key) => !arrivals.has(key)).length;
  const duplicated = [...arrivals.values()].reduce((sum, times) => sum + times.length - 1, 0);

  // Baseline: SNS to SQS alone, the floor under the pipeline, on the same emulator and queue.
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: alertsTopic.localName }));
  const floor: number[] = [];
  for (let n = 0; n < 50; n++) {
    const before = queue.received.length;
    const t0 = performance.now();
    await sns.send(
      new PublishCommand({
        TopicArn,
        Message: JSON.stringify({ alertId: `baseline-${n}`, object: { id: 'baseline' } }),
        MessageAttributes: { event: { DataType: 'String', StringValue: 'match' } },
      }),
    );
    while (queue.received.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    floor.push(performance.now() - t0);
  }
  receiving = false;
  await receiver;

  console.log(`alert latency, POST /v1/sightings -> subscriber's SQS queue (${sightingCount} sightings at ${perSecond}/s, local stack)`);
  console.log(`  p50 ${ms(percentile(latencies, 50))}   p99 ${ms(percentile(latencies, 99))}   max ${ms(Math.max(...latencies))}   (aim: p99 < 1000 ms)`);
  console.log(`  lost ${lost}   duplicated ${duplicated}   (both must be 0)`);
  console.log(`baseline, SNS publish -> same queue (50 publishes)`);
  console.log(`  p50 ${ms(percentile(floor, 50))}   p99 ${ms(percentile(floor, 99))}`);
  console.log(`ratio to baseline: p50 ${(percentile(latencies, 50) / percentile(floor, 50)).toFixed(1)}x   p99 ${(percentile(latencies, 99) / percentile(floor, 99)).toFixed(1)}x`);
  console.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)}`);
} finally {
  sns.destroy();
  queue.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
