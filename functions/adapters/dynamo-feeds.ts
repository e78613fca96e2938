// DynamoDB repositories for market feeds, their runs and the lots they have seen (the registry's table).
//
// Access patterns and the items that serve them:
//   feed by id (record, and the state runs keep apart)   pk=FEED#<id>  sk=META
//   an organisation's feeds                             index byCreated: listPk=FEEDS#<org>, listSk=<createdAt>#<id>
//   a lot of a feed by its key: the hash last screened  pk=FEED#<id>  sk=LOT#<lot key>
//   a feed's runs, newest first                         pk=FEED#<id>  sk=RUN#<startedAt>#<runId>   (expire after 90 days)
//   a run's sightings and lot errors                    pk=FEEDRUN#<runId>  sk=SIGHT#<sightingId> | ERR#<digest>  (same)
// A lot, its run's sighting and the run's counts are written in one transaction, on condition that the lot is not
// already recorded with that hash: a lot message delivered twice counts once.
import { createHash } from 'node:crypto';
import { conditionFailedAt, isConditionFailure, putIf } from './condition-failures.ts';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
  type BatchGetCommandOutput,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { table } from '../../infra/resources.ts';
import type { RunError } from '../../schemas/feeds.ts';
import type { SightingStatus } from '../../schemas/matching.ts';
import { errorsShown } from '../feeds/limits.ts';
import type { FeedRepository, FeedState, FeedWithState, RunRef, RunRepository, SightingStatuses, StoredFeed, StoredRun } from '../feeds/model.ts';
import { dynamo } from './clients.ts';
import { sightingKey } from './dynamo-sightings.ts';
import type * as z from 'zod';

const feedKey = (id: string) => ({ pk: `FEED#${id}`, sk: 'META' });
const lotKey = (feedId: string, key: string) => ({ pk: `FEED#${feedId}`, sk: `LOT#${key}` });
const runKey = (feedId: string, run: RunRef) => ({ pk: `FEED#${feedId}`, sk: `RUN#${run.startedAt}#${run.id}` });
const runPartOf = (runId: string) => `FEEDRUN#${runId}`;
const errorKey = (runId: string, error: RunError) => ({
  pk: runPartOf(runId),
  sk: `ERR#${createHash('sha256').update(JSON.stringify(error)).digest('hex').slice(0, 32)}`,
});
/** Runs and what they list are kept 90 days; the lots stay as long as their feed, or they would be screened again. */
const runExpiry = (startedAt: string) => Math.floor(Date.parse(startedAt) / 1000) + 90 * 24 * 3600;
const expiration = table.ttlAttribute;


type FeedItem = { record: StoredFeed; consecutiveFailures?: number; lastSuccessAt?: string; lastError?: FeedState['lastError']; validators?: FeedState['validators'] };

function withState(item: Record<string, unknown>): FeedWithState {
  const { record, consecutiveFailures, lastSuccessAt, lastError, validators } = item as FeedItem;
  return {
    feed: record,
    state: {
      consecutiveFailures: consecutiveFailures ?? 0,
      ...(lastSuccessAt ? { lastSuccessAt } : {}),
      ...(lastError ? { lastError } : {}),
      ...(validators ? { validators } : {}),
    },
  };
}

/** Writes or deletes in batches of 25, sending again what DynamoDB leaves unprocessed. */
async function batchWrite(tableName: string, requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string]) {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: typeof requests | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(attempt, 6)));
      const result: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName];
    }
  }
}

/** Updates a feed's state, unless the feed was deleted meanwhile (a run outliving its feed). */
async function updateExisting(tableName: string, id: string, update: { UpdateExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> }) {
  try {
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: feedKey(id), ConditionExpression: 'attribute_exists(pk)', ...update }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export function dynamoFeeds(tableName: string): FeedRepository {
  return {
    async create(feed) {
      const item = { ...feedKey(feed.id), entity: 'feed', version: feed.version, listPk: `FEEDS#${feed.org}`, listSk: `${feed.createdAt}#${feed.id}`, record: feed, consecutiveFailures: 0 };
      if (!(await putIf({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }))) throw new Error(`A feed ${feed.id} is stored already`);
    },

    async get(id) {
      const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: feedKey(id), ConsistentRead: true }));
      return result.Item ? withState(result.Item) : undefined;
    },

    async listByOrg(org) {
      const found: FeedWithState[] = [];
      const pages = paginateQuery(
        { client: dynamo },
        { TableName: tableName, IndexName: 'byCreated', KeyConditionExpression: 'listPk = :org', ExpressionAttributeValues: { ':org': `FEEDS#${org}` } },
      );
      for await (const page of pages) found.push(...(page.Items ?? []).map(withState));
      return found;
    },

    async replace(feed, expectedVersion) {
      try {
        // The record and its version only: what runs keep beside it stays as they left it.
        await dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: feedKey(feed.id),
            UpdateExpression: 'SET #record = :record, version = :version',
            ConditionExpression: 'version = :expected',
            ExpressionAttributeNames: { '#record': 'record' },
            ExpressionAttributeValues: { ':record': feed, ':version': feed.version, ':expected': expectedVersion },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async delete(id) {
      const keys: { pk: string; sk: string }[] = [];
      const pages = paginateQuery(
        { client: dynamo },
        { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': feedKey(id).pk }, ProjectionExpression: 'pk, sk' },
      );
      for await (const page of pages) keys.push(...((page.Items ?? []) as { pk: string; sk: string }[]));
      // The record last: until it is gone, deleting again finds what is left.
      const others = keys.filter((key) => key.sk !== 'META');
      await batchWrite(tableName, others.map((Key) => ({ DeleteRequest: { Key } })));
      await batchWrite(tableName, [{ DeleteRequest: { Key: feedKey(id) } }]);
    },

    async recordSuccess(id, at, validators) {
      await updateExisting(tableName, id, {
        UpdateExpression: validators ? 'SET consecutiveFailures = :none, lastSuccessAt = :at, validators = :validators' : 'SET consecutiveFailures = :none, lastSuccessAt = :at REMOVE validators',
        ExpressionAttributeValues: { ':none': 0, ':at': at, ...(validators ? { ':validators': validators } : {}) },
      });
    },

    async recordFailure(id, error) {
      await updateExisting(tableName, id, { UpdateExpression: 'ADD consecutiveFailures :one SET lastError = :error', ExpressionAttributeValues: { ':one': 1, ':error': error } });
    },
  };
}

const runFields = ['id', 'feedId', 'trigger', 'startedAt', 'finishedAt', 'notModified', 'lotsSeen', 'lotsNew', 'lotsUnchanged', 'sightings', 'processed', 'errorCount', 'error', 'matched'] as const;
const runOf = (item: Record<string, unknown>): StoredRun =>
  Object.fromEntries(runFields.flatMap((field) => (item[field] === undefined ? [] : [[field, item[field]]]))) as StoredRun;

export function dynamoRuns(tableName: string): RunRepository {
  const errorItems = (runId: string, startedAt: string, errors: RunError[]) =>
    errors.map((error) => ({ ...errorKey(runId, error), entity: 'feed-run-error', error, [expiration]: runExpiry(startedAt) }));

  return {
    async start(run) {
      await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...runKey(run.feedId, run), entity: 'feed-run', ...run, [expiration]: runExpiry(run.startedAt) } }));
    },

    async fetched(run, counts, lotErrors, finishedAt) {
      await batchWrite(tableName, errorItems(run.id, run.startedAt, lotErrors.slice(0, errorsShown)).map((Item) => ({ PutRequest: { Item } })));
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: runKey(run.feedId, run),
          UpdateExpression: `SET notModified = :notModified, lotsSeen = :seen, lotsNew = :new, lotsUnchanged = :unchanged${finishedAt ? ', finishedAt = :at' : ''} ADD errorCount :errors`,
          ExpressionAttributeValues: {
            ':notModified': counts.notModified,
            ':seen': counts.lotsSeen,
            ':new': counts.lotsNew,
            ':unchanged': counts.lotsUnchanged,
            ':errors': lotErrors.length,
            ...(finishedAt ? { ':at': finishedAt } : {}),
          },
        }),
      );
    },

    async failed(run, error, at) {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: runKey(run.feedId, run),
          UpdateExpression: 'SET #error = :error, finishedAt = :at ADD errorCount :one',
          ExpressionAttributeNames: { '#error': 'error' },
          ExpressionAttributeValues: { ':error': error, ':at': at, ':one': 1 },
        }),
      );
    },

    async lotHashes(feedId, keys) {
      const hashes = new Map<string, string>();
      for (let i = 0; i < keys.length; i += 100) {
        let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100).map((key) => lotKey(feedId, key));
        while (pending && pending.length > 0) {
          const result: BatchGetCommandOutput = await dynamo.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: 'sk, #hash', ExpressionAttributeNames: { '#hash': 'hash' }, ConsistentRead: true } } }),
          );
          for (const item of result.Responses?.[tableName] ?? []) hashes.set((item.sk as string).slice('LOT#'.length), item.hash as string);
          pending = result.UnprocessedKeys?.[tableName]?.Keys;
        }
      }
      return hashes;
    },

    async recordLot({ feedId, run, key, url, hash, sightingId, errors }) {
      const expires = runExpiry(run.startedAt);
      try {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...lotKey(feedId, key), entity: 'feed-lot', url, hash, sightingId, runId: run.id },
                  ConditionExpression: 'attribute_not_exists(pk) OR #hash <> :hash',
                  ExpressionAttributeNames: { '#hash': 'hash' },
                  ExpressionAttributeValues: { ':hash': hash },
                },
              },
              { Put: { TableName: tableName, Item: { pk: runPartOf(run.id), sk: `SIGHT#${sightingId}`, entity: 'feed-run-sighting', sightingId, [expiration]: expires } } },
              ...errorItems(run.id, run.startedAt, errors).map((Item) => ({ Put: { TableName: tableName, Item } })),
              {
                Update: {
                  TableName: tableName,
                  Key: runKey(feedId, run),
                  UpdateExpression: 'ADD sightings :one, #processed :one, errorCount :errors',
                  ExpressionAttributeNames: { '#processed': 'processed' },
                  ExpressionAttributeValues: { ':one': 1, ':errors': errors.length },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailedAt(error, 0)) return false;
        throw error;
      }
    },

    async lotFailed(feedId, run, errors) {
      await batchWrite(tableName, errorItems(run.id, run.startedAt, errors).map((Item) => ({ PutRequest: { Item } })));
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: runKey(feedId, run),
          UpdateExpression: 'ADD #processed :one, errorCount :errors',
          ExpressionAttributeNames: { '#processed': 'processed' },
          ExpressionAttributeValues: { ':one': 1, ':errors': errors.length },
        }),
      );
    },

    async finishIfDone(feedId, run, at) {
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: runKey(feedId, run),
            UpdateExpression: 'SET finishedAt = :at',
            ConditionExpression: 'attribute_not_exists(finishedAt) AND #processed >= lotsNew',
            ExpressionAttributeNames: { '#processed': 'processed' },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async recent(feedId, limit) {
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :runs)',
          ExpressionAttributeValues: { ':pk': `FEED#${feedId}`, ':runs': 'RUN#' },
          ScanIndexForward: false,
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map(runOf);
    },

    async sightingsOf(runId) {
      const ids: string[] = [];
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sightings)',
          ExpressionAttributeValues: { ':pk': runPartOf(runId), ':sightings': 'SIGHT#' },
          ProjectionExpression: 'sightingId',
          ConsistentRead: true,
        },
      );
      for await (const page of pages) ids.push(...(page.Items ?? []).map((item) => item.sightingId as string));
      return ids;
    },

    async lotErrorsOf(runId, limit) {
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :errors)',
          ExpressionAttributeValues: { ':pk': runPartOf(runId), ':errors': 'ERR#' },
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map((item) => item.error as RunError);
    },

    async settle(feedId, run, matched) {
      await dynamo.send(new UpdateCommand({ TableName: tableName, Key: runKey(feedId, run), UpdateExpression: 'SET matched = :matched', ExpressionAttributeValues: { ':matched': matched } }));
    },
  };
}

/** The matching status of sightings, read straight from their items. */
export function dynamoSightingStatuses(tableName: string): SightingStatuses {
  return {
    async of(ids) {
      const statuses = new Map<string, z.infer<typeof SightingStatus>>();
      for (let i = 0; i < ids.length; i += 100) {
        let pending: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(sightingKey);
        while (pending && pending.length > 0) {
          const result: BatchGetCommandOutput = await dynamo.send(
            new BatchGetCommand({
              RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: '#record.id, #record.#status', ExpressionAttributeNames: { '#record': 'record', '#status': 'status' }, ConsistentRead: true } },
            }),
          );
          for (const item of result.Responses?.[tableName] ?? []) {
            const record = item.record as { id: string; status: z.infer<typeof SightingStatus> };
            statuses.set(record.id, record.status);
          }
          pending = result.UnprocessedKeys?.[tableName]?.Keys;
        }
      }
      return statuses;
    },
  };
}
