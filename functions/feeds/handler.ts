// HTTP entry point of market screening: feeds, their schedules and their runs.
import { dynamoFeeds, dynamoRuns, dynamoSightingStatuses } from '../adapters/dynamo-feeds.ts';
import { lambdaRunStarter, schedulerFeedSchedules } from '../adapters/feed-scheduling.ts';
import { guardedFetcher } from '../adapters/outbound-http.ts';
import { config } from '../config.ts';
import { apiDeps, deps } from '../deps.ts';
import { apiHandler, bodyless, json } from '../http/api-handler.ts';
import { etagOf, versionFromIfMatch } from '../http/if-match.ts';
import { createFeed, deleteFeed, editFeed, feedView, listFeeds, readFeed, startRun } from './feeds.ts';

const { tableName, allowLoopbackFeeds, feeds } = config();
if (!feeds.scheduleGroup || !feeds.fetchFunction || !feeds.schedulerRoleArn) {
  throw new Error('FEED_SCHEDULE_GROUP, FEED_FETCH_FUNCTION and FEED_SCHEDULER_ROLE_ARN must be set on the feeds function');
}
const feedDeps = {
  ...deps,
  feeds: dynamoFeeds(tableName),
  runs: dynamoRuns(tableName),
  statuses: dynamoSightingStatuses(tableName),
  schedules: schedulerFeedSchedules({ group: feeds.scheduleGroup, fetchFunctionArn: feeds.fetchFunction, roleArn: feeds.schedulerRoleArn }),
  runner: lambdaRunStarter(feeds.fetchFunction),
  fetcher: guardedFetcher({ allowLoopback: allowLoopbackFeeds }),
};

export const handler = apiHandler<'feeds'>(
  {
    'POST /v1/feeds': async ({ body, caller }) => {
      const feed = await createFeed(body, caller, feedDeps);
      return json(201, feedView({ feed, state: { consecutiveFailures: 0 } }, feedDeps.clock.now()), { ...etagOf(feed.version), location: `/v1/feeds/${feed.id}` });
    },
    'GET /v1/feeds': async ({ caller }) => {
      const now = feedDeps.clock.now();
      return json(200, { items: (await listFeeds(caller, feedDeps)).map((found) => feedView(found, now)) });
    },
    'GET /v1/feeds/{id}': async ({ params, caller }) => {
      const { view, version } = await readFeed(params.id, caller, feedDeps);
      return json(200, view, etagOf(version));
    },
    'PATCH /v1/feeds/{id}': async ({ params, body, headers, caller }) => {
      const expected = versionFromIfMatch(headers['if-match'], true);
      const edited = await editFeed(params.id, body, expected, caller, feedDeps);
      return json(200, feedView(edited, feedDeps.clock.now()), etagOf(edited.feed.version));
    },
    'DELETE /v1/feeds/{id}': async ({ params, caller }) => {
      await deleteFeed(params.id, caller, feedDeps);
      return bodyless(204);
    },
    'POST /v1/feeds/{id}/runs': async ({ params, caller }) => json(202, await startRun(params.id, caller, feedDeps), { location: `/v1/feeds/${params.id}` }),
  },
  apiDeps,
);
