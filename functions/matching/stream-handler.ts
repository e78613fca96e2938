// Stream entry point of matching: a new sighting is matched against the registry; a new or changed object, or a
// new photo of one, is added to the index and matched against recent sightings. Failed records are retried alone.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue, Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { eventSources } from '../../infra/wiring.ts';
import { dynamoSightings } from '../adapters/dynamo-sightings.ts';
import { config } from '../config.ts';
import { blobs, deps } from '../deps.ts';
import { logger } from '../http/logger.ts';
import type { StoredObject } from '../objects/model.ts';
import type { StoredSighting } from '../sightings/model.ts';
import { registryIndex } from './index-deps.ts';
import { matchObjectAgainstSightings, worthMatchingAgain } from './match-object.ts';
import { matchSightingCountingFailures } from './match-sighting.ts';
import { fingerprintPhoto, type PhotoFingerprint } from './photo/fingerprint.ts';
import { allowOnlyPhotoDecoders } from '../images/decoders.ts';

// Field photos are untrusted: only the JPEG, PNG and WebP decoders may read them.
allowOnlyPhotoDecoders();

const sightings = dynamoSightings(config().tableName);
const matchDeps = { ...deps, blobs, sightings, fingerprint: fingerprintPhoto };
const maxAttempts = eventSources.find((source) => source.kind === 'table-stream' && source.fn === 'matcher')?.maxAttempts ?? 1;
const processor = new BatchProcessor(EventType.DynamoDBStreams);

const itemOf = (image: Record<string, StreamAttributeValue> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as Record<string, unknown>) : undefined;

async function onSighting(sighting: StoredSighting) {
  // A search kept for its hidden matches was matched when it was made, against what its caller asked for.
  if (sighting.channel === 'search') return;
  const matches = await matchSightingCountingFailures(sighting, registryIndex, matchDeps, maxAttempts);
  logger.info('sighting matched', { sightingId: sighting.id, matches: matches.length });
}

async function onRecord(record: DynamoDBRecord) {
  const item = itemOf(record.dynamodb?.NewImage);
  if (!item) return;
  if (item.entity === 'sighting') return onSighting(item.record as StoredSighting);

  const index = await registryIndex();
  if (item.entity === 'object') {
    const object = item.record as StoredObject;
    index.apply({ kind: 'object', object });
    const before = itemOf(record.dynamodb?.OldImage)?.record as StoredObject | undefined;
    if (!worthMatchingAgain(before, object)) return;
    const matches = await matchObjectAgainstSightings(object, undefined, matchDeps);
    logger.info('object matched against recent sightings', { objectId: object.id, matches: matches.length });
  } else if (item.entity === 'fingerprint') {
    const [objectId, imageId, fingerprint] = [item.objectId as string, item.imageId as string, item.fingerprint as PhotoFingerprint];
    index.apply({ kind: 'photo', objectId, imageId, fingerprint, at: item.at as string });
    const found = await deps.objects.get(objectId);
    if (found) await matchObjectAgainstSightings(found.object, fingerprint, matchDeps);
  }
}

export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler((event, context) => processPartialResponse(event, onRecord, processor, { context }));
