// HTTP entry point of the watch lists: a download, or a refresh since the last one, a page at a time.
import { dynamoWatchList } from '../adapters/dynamo-registry.ts';
import { config } from '../config.ts';
import { apiDeps, blobs, deps } from '../deps.ts';
import { apiHandler, json } from '../http/api-handler.ts';
import { watchList } from './watch-list.ts';

const watchDeps = { ...deps, blobs, watchList: dynamoWatchList(config().tableName) };

export const handler = apiHandler<'watchLists'>(
  {
    'GET /v1/watch-lists': async ({ query, caller }) => json(200, await watchList(query, caller, watchDeps)),
  },
  apiDeps,
);
