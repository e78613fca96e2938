// Lambda's SQS poller for one event source mapping: receives batches, invokes the function with the event Lambda
// builds, deletes what succeeded and leaves the rest to come back after their visibility timeout (and to go to the
// queue's dead-letter queue, by its RedrivePolicy, once received more than maxReceiveCount times).
import { Agent } from 'node:http';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import type { FunctionName } from '../../infra/wiring.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

export interface QueueMapping {
  uuid: string;
  fn: FunctionName;
  queueArn: string;
  batchSize: number;
  /** Without it the function's response is ignored: a batch succeeds whole or fails whole, as in Lambda. */
  reportBatchItemFailures: boolean;
  /** Batches in flight at once (Lambda's ScalingConfig.MaximumConcurrency; Lambda starts with five pollers). */
  maxConcurrency: number;
}

const receiveLimit = 10;
// Long enough to cost nothing when idle, short enough that stopping a poller never waits long.
const waitTimeSeconds = 1;
const retryAfterErrorMs = 1000;

/** Pollers receive concurrently, many at a time: the SDK's default of 50 sockets would queue them behind each other. */
export function pollerClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: Infinity }) },
  });
}

export const queueNameOf = (queueArn: string) => queueArn.split(':').at(-1) ?? '';
export const regionOf = (arn: string) => arn.split(':')[3] || 'us-east-1';

const isQueueGone = (error: unknown) =>
  error instanceof Error && (error.name === 'QueueDoesNotExist' || error.name === 'AWS.SimpleQueueService.NonExistentQueue');

function lambdaAttribute(value: MessageAttributeValue): SQSMessageAttributes[string] {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: base64(value.BinaryValue) } : {}),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType ?? 'String',
  };
}

/** The event Lambda's SQS poller gives the function: SQS's messages, renamed to the event's lower-case fields. */
export function sqsEvent(messages: Message[], queueArn: string): SQSEvent {
  const awsRegion = regionOf(queueArn);
  return {
    Records: messages.map(
      (message): SQSRecord => ({
        messageId: message.MessageId ?? '',
        receiptHandle: message.ReceiptHandle ?? '',
        body: message.Body ?? '',
        attributes: (message.Attributes ?? {}) as unknown as SQSRecordAttributes,
        messageAttributes: Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, lambdaAttribute(value)])),
        md5OfBody: message.MD5OfBody ?? '',
        ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion,
      }),
    ),
  };
}

/**
 * The message ids that failed, by Lambda's rules for partial batch responses: no response or an empty list means all
 * succeeded; an item that is not a message id of the batch makes the whole batch fail.
 */
export function failedMessageIds(response: unknown, messageIds: string[]): Set<string> {
  if (response === null || response === undefined) return new Set();
  if (typeof response !== 'object') return new Set(messageIds);
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return new Set(messageIds);
  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const failure of failures as unknown[]) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !known.has(id)) return new Set(messageIds);
    failed.add(id);
  }
  return failed;
}

/** Powertools' FullBatchFailureError says only "see individual errors": show the first, as Lambda's log would. */
function describeFailure(error: unknown): string {
  const first = (error as { recordErrors?: unknown[] } | null)?.recordErrors?.[0];
  return first === undefined ? String(error) : `${String(error)} First: ${String(first)}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Polls one queue for one mapping until stopped, or until the queue disappears. */
export function pollQueue(options: { sqs: SQSClient; mapping: QueueMapping; invoke: Invoke; log: (line: string) => void }) {
  const { sqs, mapping, invoke, log } = options;
  let running = true;
  const inFlight = new Set<Promise<void>>();
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));

  async function receive(queueUrl: string): Promise<Message[]> {
    const request = (max: number, wait: number) =>
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: wait,
        MessageSystemAttributeNames: ['All'],
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      });
    const messages = (await sqs.send(request(Math.min(receiveLimit, mapping.batchSize), waitTimeSeconds))).Messages ?? [];
    // Batches above SQS's ten per receive are gathered from what is already waiting, as Lambda's batching window does.
    while (running && messages.length < mapping.batchSize && messages.length % receiveLimit === 0 && messages.length > 0) {
      const more = (await sqs.send(request(Math.min(receiveLimit, mapping.batchSize - messages.length), 0))).Messages ?? [];
      if (more.length === 0) break;
      messages.push(...more);
    }
    return messages;
  }

  async function deliver(queueUrl: string, messages: Message[]) {
    const ids = messages.map((message) => message.MessageId ?? '');
    let failed: Set<string>;
    try {
      const response = await invoke(mapping.fn, sqsEvent(messages, mapping.queueArn));
      failed = mapping.reportBatchItemFailures ? failedMessageIds(response, ids) : new Set();
    } catch (error) {
      log(`${mapping.fn} failed on a batch from ${queueNameOf(mapping.queueArn)}: ${describeFailure(error)}`);
      failed = new Set(ids);
    }
    const succeeded = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    for (const batch of chunks(succeeded, receiveLimit)) {
      const result = await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })) }),
      );
      for (const failure of result.Failed ?? []) log(`deleting a delivered message from ${queueNameOf(mapping.queueArn)} failed: ${failure.Message ?? failure.Code}`);
    }
  }

  /** Messages received while stopping go straight back to the queue rather than wait out their visibility timeout. */
  async function release(queueUrl: string, messages: Message[]) {
    for (const batch of chunks(messages, receiveLimit)) {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  const loop = (async () => {
    let queueUrl: string | undefined;
    while (running && !queueUrl) {
      try {
        queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueNameOf(mapping.queueArn) }))).QueueUrl;
      } catch (error) {
        if (isQueueGone(error)) return;
        log(`finding the queue ${mapping.queueArn} failed: ${String(error)}`);
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, retryAfterErrorMs))]);
      }
    }
    while (running && queueUrl) {
      while (inFlight.size >= mapping.maxConcurrency) await Promise.race(inFlight);
      let messages: Message[];
      try {
        messages = await receive(queueUrl);
      } catch (error) {
        if (isQueueGone(error)) break; // the subscription and its queue were removed: nothing left to poll
        log(`receiving from ${queueNameOf(mapping.queueArn)} failed: ${String(error)}`);
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, retryAfterErrorMs))]);
        continue;
      }
      if (messages.length === 0) continue;
      if (!running) {
        await release(queueUrl, messages).catch(() => undefined);
        break;
      }
      const url = queueUrl;
      const task = deliver(url, messages).catch((error: unknown) => {
        if (!isQueueGone(error)) log(`delivering a batch from ${queueNameOf(mapping.queueArn)} failed: ${String(error)}`);
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
    await Promise.allSettled([...inFlight]);
  })();

  return {
    /** Settles when the poller has ended, on its own (the queue is gone) or after stop(). */
    ended: loop,
    /** Stops receiving, then waits for the batches being delivered. */
    async stop() {
      running = false;
      wake();
      await loop;
    },
  };
}
