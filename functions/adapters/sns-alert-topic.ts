// Publishes alerts on the SNS topic, with the message attributes that subscriptions' filter policies select on.
import { PublishCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import type { AlertAttributes, AlertTopic } from '../alerts/model.ts';

const sns = new SNSClient({});

// An email's subject line: SNS takes printable ASCII under 100 characters only.
const subjectOf = (summary: string) =>
  summary
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 99);

/** The attributes SNS filters on, as SNS takes them. */
export function messageAttributes(attributes: AlertAttributes): Record<string, MessageAttributeValue> {
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  const { score, ...strings } = attributes;
  return {
    ...Object.fromEntries(Object.entries(strings).flatMap(([name, value]) => (value === undefined ? [] : [[name, text(value)]]))),
    ...(score !== undefined ? { score: { DataType: 'Number', StringValue: String(score) } } : {}),
  };
}

export function snsAlertTopic(topicArn: string): AlertTopic {
  return {
    async publish(alert, attributes) {
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: subjectOf(alert.summary) || 'Registry alert',
          // Indented: email subscribers read the same message that SQS and webhooks parse.
          Message: JSON.stringify(alert, null, 2),
          MessageAttributes: messageAttributes(attributes),
        }),
      );
    },
  };
}
