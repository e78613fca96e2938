// S3 entry point: settles every uploaded photo named in the event; throws so that Lambda retries real failures.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import type { S3Event } from '@aws-lambda-powertools/parser/types';
import { deps } from '../deps.ts';
import { fingerprintPhoto } from '../matching/photo/fingerprint.ts';
import { logger } from '../http/logger.ts';
import { allowOnlyPhotoDecoders } from './decoders.ts';
import { processUpload, type ProcessOutcome } from './process-upload.ts';
import { decodeS3Key } from './s3-key.ts';

// Outcomes that point at a stray object in the bucket rather than a photo someone asked to upload.
const suspicious = new Set<ProcessOutcome>(['ignored', 'unknown-image', 'missing']);

allowOnlyPhotoDecoders();

const processDeps = { ...deps, fingerprint: fingerprintPhoto };

export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(parser({ schema: S3Schema }))
  .handler(async (event: S3Event): Promise<void> => {
    const failed: unknown[] = [];
    // One at a time: each photo may decode up to 50 megapixels.
    for (const record of event.Records) {
      const key = decodeS3Key(record.s3.object.key);
      try {
        const outcome = await processUpload(key, processDeps);
        logger[suspicious.has(outcome) ? 'warn' : 'info']('upload processed', { key, outcome });
      } catch (error) {
        logger.error('upload failed', { key, error: error as Error });
        failed.push(error);
      }
    }
    if (failed.length > 0) throw new AggregateError(failed, `${failed.length} of ${event.Records.length} uploads failed`);
  });
