// Partners' ends of alert delivery for the integration tests: a webhook receiver on 127.0.0.1 and an SQS queue.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  status: number;
  at: number;
}

/** A webhook endpoint whose answer to the n-th call (1, 2, ...) is `answer(n)`. */
export async function webhookReceiver(answer: (call: number) => number = () => 204) {
  const calls: ReceivedCall[] = [];
  let respond = answer;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = respond(calls.length + 1);
      calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status, at: Date.now() });
      response.writeHead(status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    calls,
    /** Calls the receiver accepted (2xx). */
    accepted: () => calls.filter((call) => call.status >= 200 && call.status < 300),
    answerWith(next: (call: number) => number) {
      respond = next;
    },
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

/** A partner's own SQS queue on the emulator, which the alerts topic delivers raw alerts to. */
export async function partnerQueue(endpoint: string, name: string) {
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const received: { body: any; attributes: Record<string, string | undefined>; at: number }[] = [];

  /** Receives (and deletes) whatever arrives within `waitMs`. */
  async function drain(waitMs: number) {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
      );
      for (const message of Messages) {
        const attributes = Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([key, value]) => [key, value.StringValue]));
        received.push({ body: JSON.parse(message.Body ?? 'null'), attributes, at: Date.now() });
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
    return received;
  }

  return {
    arn: attributes.Attributes?.QueueArn ?? '',
    received,
    drain,
    /** Receives until `done` holds for what arrived so far, or fails after `timeoutMs`. */
    async until(done: (messages: typeof received) => boolean, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(received)) {
        if (Date.now() > deadline) throw new Error(`queue ${name}: condition not met in ${timeoutMs} ms; got ${JSON.stringify(received.map((m) => m.body?.alertId))}`);
        await drain(1000);
      }
      return received;
    },
    close: () => sqs.destroy(),
  };
}
