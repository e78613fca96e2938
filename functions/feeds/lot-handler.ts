// Queue entry point of market screening: each lot from the lot queue becomes a sighting. A lot that fails for a reason
// worth retrying goes back to the queue alone (a partial batch response) and, after its attempts, to the dead-letter
// queue; the others in its batch go on.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { LotMessage } from '../../schemas/feeds.ts';
import { dynamoRuns } from '../adapters/dynamo-feeds.ts';
import { dynamoSightings } from '../adapters/dynamo-sightings.ts';
import { guardedFetcher } from '../adapters/outbound-http.ts';
import { config } from '../config.ts';
import { blobs, deps } from '../deps.ts';
import { logger } from '../http/logger.ts';
import { allowOnlyPhotoDecoders } from '../images/decoders.ts';
import { normalisePhoto, sniffFormat } from '../images/photo.ts';
import { screenLot } from './screen-lot.ts';

allowOnlyPhotoDecoders();

const { tableName, allowLoopbackFeeds } = config();
const screenDeps = {
  ...deps,
  blobs,
  runs: dynamoRuns(tableName),
  sightings: dynamoSightings(tableName),
  fetcher: guardedFetcher({ allowLoopback: allowLoopbackFeeds }),
  photos: {
    // The checks of the image processor; the original is kept, as a photo uploaded through POST /v1/uploads is.
    async check(bytes: Uint8Array) {
      await normalisePhoto(bytes);
      return `image/${sniffFormat(bytes) ?? 'jpeg'}`;
    },
  },
};

const processor = new BatchProcessor(EventType.SQS);

async function onRecord(record: SQSRecord) {
  const message = LotMessage.parse(JSON.parse(record.body));
  const outcome = await screenLot(message, screenDeps);
  logger.info('lot screened', { feedId: message.feed.id, runId: message.run.id, lot: message.lot.url, outcome });
}

export const handler = middy<SQSEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler((event, context) => processPartialResponse(event, onRecord, processor, { context }));
