// The queues the wiring declares (kind "queue"), made in the emulator with the consumer's failure queue as their
// dead-letter queue, as the stack makes them, and drained by Lambda's SQS poller with partial batch failures.
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { eventSources, functions, type FunctionName } from '../../infra/wiring.ts';
import { pollQueue } from './queue-sources.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

const declared = eventSources.filter((source) => source.kind === 'queue');

async function arnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`queue ${queueUrl} has no ARN`);
  return Attributes.QueueArn;
}

/** Creates each declared queue; `environment` gives its producers its URL, as the stack does. */
export async function provisionDeclaredQueues(sqs: SQSClient, failureQueueUrls: Map<FunctionName, string>) {
  const queues: { source: (typeof declared)[number]; url: string; arn: string }[] = [];
  for (const source of declared) {
    const failures = failureQueueUrls.get(source.fn);
    if (!failures) throw new Error(`no failure queue for ${source.fn}`);
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: source.queue,
        Attributes: {
          // Lambda needs a message hidden for longer than the function may run; six times is AWS's advice.
          VisibilityTimeout: String(functions[source.fn].timeoutSeconds * 6),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(sqs, failures), maxReceiveCount: source.maxAttempts }),
        },
      }),
    );
    if (!QueueUrl) throw new Error(`the emulator made no queue ${source.queue}`);
    queues.push({ source, url: QueueUrl, arn: await arnOf(sqs, QueueUrl) });
  }
  return {
    environment: Object.fromEntries(queues.map(({ source, url }) => [source.urlEnv, url])) as Record<string, string>,
    /** Polls every declared queue until stopped. */
    poll(pollerSqs: SQSClient, invoke: Invoke, log: (line: string) => void) {
      const pollers = queues.map(({ source, arn }) =>
        pollQueue({
          sqs: pollerSqs,
          invoke,
          log,
          mapping: { uuid: `declared-${source.queue}`, fn: source.fn, queueArn: arn, batchSize: source.batchSize, reportBatchItemFailures: true, maxConcurrency: 5 },
        }),
      );
      return { stop: () => Promise.all(pollers.map((poller) => poller.stop())).then(() => undefined) };
    },
  };
}
