import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveEventSourceMappings, type EventSourceMappings } from '../../../scripts/local/lambda-api.ts';
import { failedMessageIds, pollerClient } from '../../../scripts/local/queue-sources.ts';
import { freePort } from '../../support/local-stack.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';

let fauxqs: FauxqsServer;
let endpoint: string;
let sqs: SQSClient;

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: await freePort(), host: '127.0.0.1', logger: false });
  endpoint = `http://127.0.0.1:${fauxqs.port}`;
  sqs = new SQSClient({ endpoint, region, credentials });
});

afterAll(async () => {
  sqs.destroy();
  await fauxqs.stop();
});

/** The runtime's mapping API on its own HTTP server, with a recording function in place of Lambda's. */
async function startRuntime(dataDir: string, behaviour: (event: SQSEvent) => unknown) {
  const events: SQSEvent[] = [];
  const pollerSqs = pollerClient(endpoint);
  const mappings: EventSourceMappings = await serveEventSourceMappings({
    dataDir,
    sqs: pollerSqs,
    log: () => undefined,
    invoke: async (fn, event) => {
      expect(fn).toBe('alertDelivery');
      events.push(event as SQSEvent);
      return behaviour(event as SQSEvent);
    },
  });
  const server: Server = createServer((request, response) => void mappings.handle(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const lambda = new LambdaClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region, credentials });
  return {
    events,
    lambda,
    mappings,
    bodies: () => events.flatMap((event) => event.Records.map((record) => record.body)),
    async stop() {
      lambda.destroy();
      server.close();
      server.closeAllConnections();
      await mappings.stop();
      pollerSqs.destroy();
    },
  };
}

async function subscriptionQueue(maxReceiveCount = 2) {
  const name = `registry-alert-${randomUUID()}`;
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }) },
    }),
  );
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
  return { url: queue.QueueUrl ?? '', arn, dlqUrl: dlq.QueueUrl ?? '' };
}

async function until<T>(check: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const send = (url: string, body: string) =>
  sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes: { kind: { DataType: 'String', StringValue: 'match' } } }));

describe('the local Lambda API for event source mappings', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'esm-test-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };

  it('feeds a mapped queue to the function with the SQS event Lambda builds, deleting only the messages that succeeded', async () => {
    // Arrange
    const queue = await subscriptionQueue(3);
    const runtime = await startRuntime(await tempDir(), (event) => ({
      batchItemFailures: event.Records.filter((record) => record.body === 'refused').map((record) => ({ itemIdentifier: record.messageId })),
    }));
    cleanups.push(runtime.stop);
    // Act
    const created = await runtime.lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:alertDelivery',
        EventSourceArn: queue.arn,
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );
    const sent = await send(queue.url, 'delivered');
    await send(queue.url, 'refused');
    // Assert
    expect(created).toMatchObject({ UUID: expect.any(String), EventSourceArn: queue.arn, BatchSize: 5, FunctionArn: expect.stringMatching(/:function:alertDelivery$/) });
    await until(() => runtime.bodies().filter((body) => body === 'refused').length >= 2);
    const first = runtime.events.flatMap((event) => event.Records).find((record) => record.body === 'delivered');
    expect(() => SqsSchema.parse(runtime.events[0])).not.toThrow();
    expect(first).toMatchObject({
      messageId: sent.MessageId,
      receiptHandle: expect.any(String),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.any(String), SenderId: expect.any(String), ApproximateFirstReceiveTimestamp: expect.any(String) },
      messageAttributes: { kind: { stringValue: 'match', stringListValues: [], binaryListValues: [], dataType: 'String' } },
      md5OfBody: sent.MD5OfMessageBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
    });
    const refused = runtime.events.flatMap((event) => event.Records).filter((record) => record.body === 'refused');
    expect(refused.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(runtime.bodies().filter((body) => body === 'delivered')).toHaveLength(1);
    const mapping = await runtime.lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    expect(mapping.State).toBe('Enabled');
  });

  it('leaves a whole batch on the queue when the function throws, until the dead-letter queue takes it', async () => {
    // Arrange
    const queue = await subscriptionQueue(2);
    const runtime = await startRuntime(await tempDir(), () => {
      throw new Error('webhook down');
    });
    cleanups.push(runtime.stop);
    await runtime.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queue.arn, BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
    // Act
    await send(queue.url, 'unlucky');
    // Assert
    await until(() => runtime.bodies().length >= 2);
    let deadLetters: Message[] = [];
    for (let poll = 0; poll < 5 && deadLetters.length === 0; poll++) {
      deadLetters = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, WaitTimeSeconds: 2 }))).Messages ?? [];
    }
    expect(deadLetters.map((message) => message.Body)).toEqual(['unlucky']);
    expect(runtime.bodies()).toEqual(['unlucky', 'unlucky']);
  });

  it('keeps mappings in the data folder, so a restarted runtime polls them again', async () => {
    // Arrange
    const dataDir = await tempDir();
    const queue = await subscriptionQueue();
    const before = await startRuntime(dataDir, () => undefined);
    const { UUID } = await before.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queue.arn, BatchSize: 2 }));
    await before.stop();
    // Act
    const after = await startRuntime(dataDir, () => undefined);
    cleanups.push(after.stop);
    await send(queue.url, 'after the restart');
    // Assert
    await until(() => after.bodies().includes('after the restart'));
    expect(before.bodies()).toEqual([]);
    const listed = await after.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'alertDelivery' }));
    expect(listed.EventSourceMappings?.map((mapping) => mapping.UUID)).toEqual([UUID]);
    expect(JSON.parse(await readFile(join(dataDir, 'event-source-mappings.json'), 'utf8'))).toEqual([expect.objectContaining({ UUID, EventSourceArn: queue.arn })]);
  });

  it('stops feeding a queue once its mapping is deleted, and forgets the mapping', async () => {
    // Arrange
    const queue = await subscriptionQueue();
    const runtime = await startRuntime(await tempDir(), () => undefined);
    cleanups.push(runtime.stop);
    const { UUID } = await runtime.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queue.arn }));
    // Act
    const deleted = await runtime.lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
    await new Promise((resolve) => setTimeout(resolve, 1200)); // the poller's last long poll ends
    await send(queue.url, 'too late');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Assert
    expect(deleted.State).toBe('Deleting');
    expect(runtime.bodies()).toEqual([]);
    await expect(runtime.lambda.send(new GetEventSourceMappingCommand({ UUID }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const left = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 1 }));
    expect(left.Messages?.map((message) => message.Body)).toEqual(['too late']);
  });

  it('answers ResourceNotFoundException for an unknown function and ResourceConflictException for a second mapping of a queue', async () => {
    // Arrange
    const queue = await subscriptionQueue();
    const runtime = await startRuntime(await tempDir(), () => undefined);
    cleanups.push(runtime.stop);
    await runtime.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queue.arn }));
    // Act
    const unknown = runtime.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'noSuchFunction', EventSourceArn: queue.arn }));
    const twice = runtime.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queue.arn }));
    // Assert
    await expect(unknown).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(twice).rejects.toBeInstanceOf(ResourceConflictException);
  });

  it('stops polling quietly when the queue disappears', async () => {
    // Arrange
    const queue = await subscriptionQueue();
    const runtime = await startRuntime(await tempDir(), () => undefined);
    cleanups.push(runtime.stop);
    await runtime.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queue.arn }));
    // Act
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));
    // Assert: stop() returns promptly because the poller has already ended
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = Date.now();
    await runtime.stop();
    cleanups.pop();
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("Lambda's rules for partial batch responses", () => {
  const ids = ['m1', 'm2', 'm3'];

  it('counts a missing or empty list of failures as a whole success', () => {
    // Assert
    for (const response of [undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }]) expect(failedMessageIds(response, ids)).toEqual(new Set());
  });

  it('fails only the listed messages', () => {
    // Assert
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'm2' }] }, ids)).toEqual(new Set(['m2']));
  });

  it('fails the whole batch when an item is empty, unknown or malformed', () => {
    // Assert
    for (const response of [{ batchItemFailures: [{ itemIdentifier: '' }] }, { batchItemFailures: [{ itemIdentifier: 'other' }] }, { batchItemFailures: [{ id: 'm1' }] }, 'oops']) {
      expect(failedMessageIds(response, ids)).toEqual(new Set(ids));
    }
  });
});
