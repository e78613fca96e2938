// The local queues keep a message handed back early (visibility 0), with its receive count, across a restart:
// webhook retries, dead-letter listing and stopping `npm start` all rely on it (scripts/patches fixes fauxqs for it).
import { ChangeMessageVisibilityCommand, CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('keeps a message handed back at once, with its receive count, across a restart', async () => {
  // Arrange
  const dataDir = await mkdtemp(join(tmpdir(), 'fauxqs-'));
  const start = () => startFauxqs({ port: 0, host: '127.0.0.1', logger: false, dataDir });
  const clientOf = (port: number) =>
    new SQSClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const receive = (sqs: SQSClient, QueueUrl: string) =>
    sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
  const first = await start();
  const sqs = clientOf(first.port);
  const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'handed-back' }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'alert' }));
  const [received] = (await receive(sqs, QueueUrl)).Messages ?? [];

  // Act
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: received?.ReceiptHandle, VisibilityTimeout: 0 }));
  const again = (await receive(sqs, QueueUrl)).Messages ?? [];
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: again[0]?.ReceiptHandle, VisibilityTimeout: 0 }));
  sqs.destroy();
  await first.stop();
  const second = await start();
  const restarted = clientOf(second.port);
  const afterRestart = (await receive(restarted, QueueUrl.replace(String(first.port), String(second.port)))).Messages ?? [];
  restarted.destroy();
  await second.stop();
  await rm(dataDir, { recursive: true, force: true });

  // Assert
  expect(again.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount])).toEqual([['alert', '2']]);
  expect(afterRestart.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount])).toEqual([['alert', '3']]);
});
