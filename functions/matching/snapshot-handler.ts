// Scheduled: writes the matching index to S3, so that a cold start reads one object instead of the whole table.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../http/logger.ts';
import { registryIndex, store } from './index-deps.ts';
import { encodeIndexSnapshot } from './snapshot-file.ts';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const index = await registryIndex();
    await index.refresh();
    const snapshot = index.snapshot();
    await store.saveSnapshot(encodeIndexSnapshot(snapshot));
    logger.info('index snapshot written', { objects: index.size, builtAt: snapshot.builtAt });
  });
