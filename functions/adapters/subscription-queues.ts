// The queue of each webhook subscription, by name, and what the delivery function does with it. Kept apart from
// alert-channels.ts so that the delivery function does not bundle the SNS and Lambda clients.
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { alertQueues } from '../../infra/resources.ts';

// Requests go to the configured endpoint, not to the host named in a queue URL (the same host in AWS; locally the
// emulator's queue URLs name a host that does not resolve).
export const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

export const queueName = (subscriptionId: string) => `${alertQueues.prefix}${subscriptionId}`;
export const deadLetterName = (subscriptionId: string) => `${queueName(subscriptionId)}${alertQueues.deadLetterSuffix}`;
const nameOfArn = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/** The subscription a delivery queue (by ARN or URL) belongs to. */
export const subscriptionOfQueue = (queue: string) => queue.slice(queue.lastIndexOf(queue.includes('/') ? '/' : ':') + 1).slice(alertQueues.prefix.length);

/** Holds a delivery back for a while before its next attempt (exponential backoff on a queue). */
export async function retryLater(queueArn: string, receiptHandle: string, seconds: number): Promise<void> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: nameOfArn(queueArn) }));
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
}
