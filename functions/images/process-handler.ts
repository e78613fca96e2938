// S3 entry point: settles every uploaded photo named in the event; throws so that Lambda retries real failures.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { blobs, deps } from '../deps.ts';
import { fingerprintPhoto } from '../matching/photo/fingerprint.ts';
import { logger } from '../http/logger.ts';
import { allowOnlyPhotoDecoders } from './decoders.ts';
import { processUpload, type ProcessOutcome } from './process-upload.ts';
import { decodeS3Key } from './s3-key.ts';

// Outcomes that point at a stray object in the bucket rather than a photo someone asked to upload.
const suspicious = new Set<ProcessOutcome>(['ignored', 'unknown-image', 'missing']);

allowOnlyPhotoDecoders();

const processDeps = { ...deps, blobs, fingerprint: fingerprintPhoto };

/** The object keys of S3's event, the one field read of it: anything without them is no ObjectCreated notification. */
function keysOf(event: S3Event): string[] {
  if (!Array.isArray(event?.Records)) throw new TypeError('not an S3 event: Records is missing');
  return event.Records.map((record, n) => {
    const key: unknown = record?.s3?.object?.key;
    if (typeof key !== 'string') throw new TypeError(`not an S3 event: Records.${n}.s3.object.key is missing`);
    return decodeS3Key(key);
  });
}

export const handler = middy<S3Event>()
  .use(injectLambdaContext(logger))
  .handler(async (event: S3Event): Promise<void> => {
    const failed: unknown[] = [];
    // One at a time: each photo may decode up to 50 megapixels.
    const keys = keysOf(event);
    for (const key of keys) {
      try {
        const outcome = await processUpload(key, processDeps);
        logger[suspicious.has(outcome) ? 'warn' : 'info']('upload processed', { key, outcome });
      } catch (error) {
        logger.error('upload failed', { key, error: error as Error });
        failed.push(error);
      }
    }
    if (failed.length > 0) throw new AggregateError(failed, `${failed.length} of ${keys.length} uploads failed`);
  });
