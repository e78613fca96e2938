// Schedule entry point of market screening: reads one feed and queues its new and changed lots. Invoked by the feed's
// EventBridge Scheduler schedule, or asynchronously by POST /v1/feeds/{id}/runs.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { FetchRequest } from '../../schemas/feeds.ts';
import { dynamoFeeds, dynamoRuns } from '../adapters/dynamo-feeds.ts';
import { guardedFetcher } from '../adapters/outbound-http.ts';
import { sqsLotQueue } from '../adapters/sqs-lot-queue.ts';
import { config } from '../config.ts';
import { deps } from '../deps.ts';
import { logger } from '../http/logger.ts';
import { runFeed } from './run-feed.ts';

const { tableName, allowLoopbackFeeds, feeds } = config();
if (!feeds.lotQueueUrl) throw new Error('LOT_QUEUE_URL must be set on the function that reads feeds');
const runDeps = {
  ...deps,
  feeds: dynamoFeeds(tableName),
  runs: dynamoRuns(tableName),
  fetcher: guardedFetcher({ allowLoopback: allowLoopbackFeeds }),
  lots: sqsLotQueue(feeds.lotQueueUrl),
};

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async (event: unknown): Promise<void> => {
    const request = FetchRequest.parse(event);
    const run = await runFeed(request, runDeps);
    if (!run) logger.info('nothing to run', { ...request });
    else if (run.error) logger.warn('feed could not be read', { feedId: run.feedId, runId: run.id, error: run.error });
    else logger.info('feed read', { feedId: run.feedId, runId: run.id, lotsSeen: run.lotsSeen, lotsNew: run.lotsNew });
  });
