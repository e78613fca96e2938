// Stream entry point of alerts (the outbox): a match, a new object, a status change or a sighting that fits a Red
// List, once written, becomes an alert on the topic. Publishing is idempotent on the alert id, so a retried batch
// never sends an alert twice.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeValue as StreamAttributeValue, Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Alert } from '../../schemas/alerts.ts';
import { dynamoAlerts } from '../adapters/dynamo-subscriptions.ts';
import { dynamoSightings } from '../adapters/dynamo-sightings.ts';
import { idempotencyStore } from '../adapters/idempotency.ts';
import { snsAlertTopic } from '../adapters/sns-alert-topic.ts';
import { config } from '../config.ts';
import { deps } from '../deps.ts';
import { logger } from '../http/logger.ts';
import type { StoredObject } from '../objects/model.ts';
import type { StoredMatch, StoredSighting } from '../sightings/model.ts';
import { alertsFor, type RegistryChange } from './alerts-for.ts';
import { attributesOf } from './filter.ts';

const { tableName, alertsTopicArn, apiUrl } = config();
if (!apiUrl) throw new Error('API_URL is not set: alerts need it for their links');
const alerts = dynamoAlerts(tableName);
const topic = snsAlertTopic(alertsTopicArn);
const alertDeps = { objects: deps.objects, sightings: dynamoSightings(tableName), apiUrl };

const idempotency = new IdempotencyConfig({ eventKeyJmesPath: 'alertId', expiresAfterSeconds: 7 * 24 * 3600 });
const publishOnce = makeIdempotent(
  async (alert: Alert) => {
    await alerts.record(alert);
    await topic.publish(alert, attributesOf(alert));
    return alert.alertId;
  },
  { persistenceStore: idempotencyStore(tableName, 'alertPublisher'), config: idempotency },
);

const processor = new BatchProcessor(EventType.DynamoDBStreams);

type Item = { entity?: string; record?: unknown };
const itemOf = (image: Record<string, StreamAttributeValue> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as Item) : undefined;

function changeOf(record: DynamoDBRecord): RegistryChange | undefined {
  const after = itemOf(record.dynamodb?.NewImage);
  const before = itemOf(record.dynamodb?.OldImage);
  if (after?.entity === 'match') return { kind: 'match', match: after.record as StoredMatch };
  if (after?.entity === 'sighting') return { kind: 'sighting', sighting: after.record as StoredSighting };
  if (after?.entity === 'object') return { kind: 'object', after: after.record as StoredObject, ...(before ? { before: before.record as StoredObject } : {}) };
  return undefined;
}

async function onRecord(record: DynamoDBRecord) {
  const change = changeOf(record);
  if (!change) return;
  for (const alert of await alertsFor(change, alertDeps)) {
    await publishOnce(alert);
    logger.info('alert published', { alertId: alert.alertId, event: alert.event });
  }
}

export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler((event, context) => {
    // A publisher that dies mid-alert leaves it "in progress" only until its own time runs out.
    idempotency.registerLambdaContext(context);
    // In order: a status change must not overtake the registration it follows.
    return processPartialResponse(event, onRecord, processor, { context, processInParallel: false });
  });
