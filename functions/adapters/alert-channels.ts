// The delivery side of subscriptions in AWS: an SNS subscription on the alerts topic with the subscription's filter
// policy, and for webhooks a queue of its own (with a dead-letter queue) that an event source mapping drains into
// the delivery function. Also the dead letters of those queues, for admins.
import { CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { GetSubscriptionAttributesCommand, NotFoundException, SetSubscriptionAttributesCommand, SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { alertQueues } from '../../infra/resources.ts';
import { functions, subscriptionQueueSource, type SubscriptionQueueSource } from '../../infra/wiring.ts';
import { deadLetterName, queueName, sqs, subscriptionOfQueue } from './subscription-queues.ts';
import type { AlertChannels, ChannelRefs, DeadLetterMessage, DeadLetterQueues, SnsFilterPolicy } from '../alerts/model.ts';

const sns = new SNSClient({});
const lambda = new LambdaClient({});

const queueSource: SubscriptionQueueSource = subscriptionQueueSource();


// Lambda needs a queue's messages hidden for longer than the function may run; six times is AWS's advice.
const visibilitySeconds = 6 * functions[queueSource.fn].timeoutSeconds;
const fourteenDays = String(14 * 24 * 3600);

async function queueArnOf(queueUrl: string): Promise<string> {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const arn = result.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${queueUrl} has no ARN`);
  return arn;
}

async function subscribe(topicArn: string, protocol: 'sqs' | 'email', endpoint: string, policy: SnsFilterPolicy) {
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint,
      ReturnSubscriptionArn: true,
      Attributes: { FilterPolicy: JSON.stringify(policy), ...(protocol === 'sqs' ? { RawMessageDelivery: 'true' } : {}) },
    }),
  );
  if (!SubscriptionArn) throw new Error(`SNS returned no subscription for ${protocol} ${endpoint}`);
  const attributes = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
  return { snsSubscriptionArn: SubscriptionArn, pendingConfirmation: attributes.Attributes?.PendingConfirmation === 'true' };
}

const ignoring = async (gone: (error: unknown) => boolean, action: () => Promise<unknown>) => {
  try {
    await action();
  } catch (error) {
    if (!gone(error)) throw error;
  }
};

async function close(refs: ChannelRefs): Promise<void> {
  const { snsSubscriptionArn, mappingId, queueUrl, deadLetterQueueUrl } = refs;
  if (snsSubscriptionArn) await ignoring((error) => error instanceof NotFoundException, () => sns.send(new UnsubscribeCommand({ SubscriptionArn: snsSubscriptionArn })));
  if (mappingId) await ignoring((error) => error instanceof ResourceNotFoundException, () => lambda.send(new DeleteEventSourceMappingCommand({ UUID: mappingId })));
  for (const url of [queueUrl, deadLetterQueueUrl]) {
    if (url) await ignoring((error) => error instanceof QueueDoesNotExist, () => sqs.send(new DeleteQueueCommand({ QueueUrl: url })));
  }
}

async function openWebhookQueue(subscriptionId: string, topicArn: string, deliveryFunction: string, refs: ChannelRefs) {
  const dead = await sqs.send(
    new CreateQueueCommand({ QueueName: deadLetterName(subscriptionId), Attributes: { MessageRetentionPeriod: fourteenDays, SqsManagedSseEnabled: 'true' } }),
  );
  refs.deadLetterQueueUrl = dead.QueueUrl;
  const deadArn = await queueArnOf(dead.QueueUrl ?? '');
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: queueName(subscriptionId),
      Attributes: {
        VisibilityTimeout: String(visibilitySeconds),
        MessageRetentionPeriod: fourteenDays,
        SqsManagedSseEnabled: 'true',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadArn, maxReceiveCount: queueSource.maxAttempts }),
      },
    }),
  );
  refs.queueUrl = queue.QueueUrl;
  const queueArn = await queueArnOf(queue.QueueUrl ?? '');
  // Only the alerts topic may send to the queue.
  const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: queueArn,
          Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
        },
      ],
  };
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, Attributes: { Policy: JSON.stringify(policy) } }));
  const mapping = await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: deliveryFunction,
      EventSourceArn: queueArn,
      BatchSize: queueSource.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    }),
  );
  refs.mappingId = mapping.UUID;
  return queueArn;
}

export function alertChannels(settings: { topicArn: string; deliveryFunction: string | undefined }): AlertChannels & DeadLetterQueues {
  async function deadLetterQueues(only?: string): Promise<{ subscriptionId: string; url: string }[]> {
    const prefix = only ? deadLetterName(only) : alertQueues.prefix;
    const urls: string[] = [];
    let next: string | undefined;
    do {
      const page = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, NextToken: next, MaxResults: 1000 }));
      urls.push(...(page.QueueUrls ?? []));
      next = page.NextToken;
    } while (next);
    return urls
      .filter((url) => url.endsWith(alertQueues.deadLetterSuffix))
      .map((url) => ({ url, subscriptionId: subscriptionOfQueue(url.slice(0, -alertQueues.deadLetterSuffix.length)) }));
  }

  // Receiving hides messages; each caller decides what to do with them before they show again.
  async function drain(url: string, each: (message: Message) => Promise<void>) {
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 30, MessageSystemAttributeNames: ['SentTimestamp'], MessageAttributeNames: ['All'] }),
      );
      if (Messages.length === 0) return;
      for (const message of Messages) await each(message);
    }
  }

  return {
    async open({ id, delivery, policy }) {
      const refs: ChannelRefs = {};
      try {
        switch (delivery.type) {
          case 'webhook': {
            if (!settings.deliveryFunction) throw new Error('ALERT_DELIVERY_FUNCTION is not set: webhooks cannot be delivered');
            const queueArn = await openWebhookQueue(id, settings.topicArn, settings.deliveryFunction, refs);
            const subscribed = await subscribe(settings.topicArn, 'sqs', queueArn, policy);
            refs.snsSubscriptionArn = subscribed.snsSubscriptionArn;
            return { refs, pendingConfirmation: subscribed.pendingConfirmation };
          }
          case 'sqs':
          case 'email': {
            const subscribed = await subscribe(settings.topicArn, delivery.type, delivery.type === 'sqs' ? delivery.queueArn : delivery.address, policy);
            refs.snsSubscriptionArn = subscribed.snsSubscriptionArn;
            return { refs, pendingConfirmation: subscribed.pendingConfirmation };
          }
          case 'feed':
            return { refs, pendingConfirmation: false };
        }
      } catch (error) {
        await close(refs);
        throw error;
      }
    },

    async changePolicy(refs, policy) {
      if (!refs.snsSubscriptionArn) return;
      await sns.send(
        new SetSubscriptionAttributesCommand({ SubscriptionArn: refs.snsSubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify(policy) }),
      );
    },

    close,

    async list() {
      const found: DeadLetterMessage[] = [];
      for (const queue of await deadLetterQueues()) {
        const seen: Message[] = [];
        await drain(queue.url, async (message) => {
          seen.push(message);
          found.push({
            subscriptionId: queue.subscriptionId,
            body: message.Body ?? '',
            queuedAt: new Date(Number(message.Attributes?.SentTimestamp ?? 0)).toISOString(),
          });
        });
        // Listing must not hide them from the next list or a redrive.
        for (const message of seen) {
          await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
        }
      }
      return found;
    },

    async redrive(subscriptionId) {
      let moved = 0;
      for (const queue of await deadLetterQueues(subscriptionId)) {
        const { QueueUrl: target } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName(queue.subscriptionId) }));
        await drain(queue.url, async (message) => {
          await sqs.send(new SendMessageCommand({ QueueUrl: target, MessageBody: message.Body, MessageAttributes: message.MessageAttributes }));
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }));
          moved += 1;
        });
      }
      return moved;
    },
  };
}
