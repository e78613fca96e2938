// Queue entry point of webhook deliveries: each subscription's queue feeds this function. A failed delivery is held
// back for an exponentially growing time; after the last attempt SQS moves it to the subscription's dead letters.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { Alert } from '../../schemas/alerts.ts';
import { subscriptionQueueSource } from '../../infra/wiring.ts';
import { retryLater, subscriptionOfQueue } from '../adapters/subscription-queues.ts';
import { dynamoSubscriptions } from '../adapters/dynamo-subscriptions.ts';
import { idempotencyStore } from '../adapters/idempotency.ts';
import { httpWebhooks } from '../adapters/webhook-http.ts';
import { config } from '../config.ts';
import { deps } from '../deps.ts';
import { logger } from '../http/logger.ts';
import { deliverAlert, retryDelaySeconds } from './deliver.ts';

const { tableName, webhookRetryBaseSeconds, allowLoopbackWebhooks } = config();
const { maxAttempts } = subscriptionQueueSource();
const deliveryDeps = { subscriptions: dynamoSubscriptions(tableName), webhooks: httpWebhooks({ allowLoopback: allowLoopbackWebhooks }), clock: deps.clock };

const idempotency = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 7 * 24 * 3600 });
// One alert reaches one subscription once, even when SQS hands the same message over twice.
const deliverOnce = makeIdempotent(
  (delivery: { key: string; subscriptionId: string; alertId: string; event: string; body: string }) => deliverAlert(delivery, deliveryDeps),
  { persistenceStore: idempotencyStore(tableName, 'alertDelivery'), config: idempotency },
);

// Only the fields delivery needs; the rest of the alert is passed on untouched.
const Envelope = Alert.pick({ alertId: true, event: true }).loose();
const processor = new BatchProcessor(EventType.SQS);

async function onRecord(record: SQSRecord) {
  const subscriptionId = subscriptionOfQueue(record.eventSourceARN);
  const { alertId, event } = Envelope.parse(JSON.parse(record.body));
  try {
    const outcome = await deliverOnce({ key: `${subscriptionId}:${alertId}`, subscriptionId, alertId, event, body: record.body });
    logger.info('alert delivered', { subscriptionId, alertId, outcome });
  } catch (error) {
    const attempt = Number(record.attributes.ApproximateReceiveCount);
    // After the last attempt, let it go back at once, so SQS moves it to the dead letters now.
    const delay = attempt >= maxAttempts ? 0 : retryDelaySeconds(attempt, webhookRetryBaseSeconds);
    await retryLater(record.eventSourceARN, record.receiptHandle, delay);
    logger.warn('webhook delivery failed', { subscriptionId, alertId, attempt, retryInSeconds: delay, error: String(error) });
    throw error;
  }
}

export const handler = middy<SQSEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler((event, context) => {
    idempotency.registerLambdaContext(context);
    return processPartialResponse(event, onRecord, processor, { context });
  });
