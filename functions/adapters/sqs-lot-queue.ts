// The lot queue: the fetch function puts one message per new or changed lot on it, ten to a request.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LotQueue } from '../feeds/model.ts';

// Requests go to the configured endpoint, not to the host in the queue URL (locally the emulator names another host).
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

export function sqsLotQueue(queueUrl: string): LotQueue {
  return {
    async send(messages) {
      for (let i = 0; i < messages.length; i += 10) {
        const batch = messages.slice(i, i + 10);
        let pending = batch.map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt >= 5) throw new Error(`the lot queue refused ${pending.length} messages five times`);
          const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
          const failed = new Set((result.Failed ?? []).map((failure) => failure.Id));
          pending = pending.filter((entry) => failed.has(entry.Id));
        }
      }
    },
  };
}
