// DynamoDB repository for sightings, their photos' fingerprints and their matches (same table as objects).
//
// Access patterns and the items that serve them:
//   sighting by id                   pk=SIGHT#<id>    sk=META
//   fingerprints of its photos       pk=SIGHT#<id>    sk=FP#<n>
//   recent sightings, newest first   index byCreated: listPk=SIGHTING, listSk=<createdAt>#<id>
//   match by id                      pk=MATCH#<id>    sk=META  (the id is derived from the pair, so a pair exists once)
//   an object's matches, newest      index byCreated: listPk=MATCHES#<objectId>, listSk=<createdAt>#<id>
//   a report's Idempotency-Key       pk=REPORTKEY#<org>  sk=<key>  (written with its sighting, expired by TTL)
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { putIf } from './condition-failures.ts';
import type { PhotoFingerprint } from '../matching/photo/fingerprint.ts';
import { table } from '../../infra/resources.ts';
import type { ReportKey, SightingRepository, StoredMatch, StoredSighting } from '../sightings/model.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export const sightingKey = (id: string) => ({ pk: `SIGHT#${id}`, sk: 'META' });
/** Concurrent matchers of one sighting give way to each other; more tries than that is a fault, not a race. */
const maxMergeAttempts = 10;
const matchKey = (id: string) => ({ pk: `MATCH#${id}`, sk: 'META' });
const matchesPartition = (objectId: string) => `MATCHES#${objectId}`;
// Every write of a match puts the whole item, so each carries its place in its object's list.
const matchItem = (match: StoredMatch) => ({
  ...matchKey(match.id),
  entity: 'match',
  matchStatus: match.status,
  listPk: matchesPartition(match.objectId),
  listSk: `${match.createdAt}#${match.id}`,
  record: match,
});
const photoKey = (id: string, n: number) => ({ pk: sightingKey(id).pk, sk: `FP#${n}` });
const reportKeyKey = (org: string, key: string) => ({ pk: `REPORTKEY#${org}`, sk: key });
const epochSeconds = (at: string) => Math.floor(Date.parse(at) / 1000);
/** Two reports with one key at the same moment: the transaction that loses the race is tried again, then finds the key. */
const maxKeyAttempts = 5;

export function dynamoSightings(tableName: string): SightingRepository {
  async function getMatches(ids: string[]): Promise<StoredMatch[]> {
    const found: StoredMatch[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const result = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: ids.slice(i, i + 100).map(matchKey), ConsistentRead: true } } }),
      );
      found.push(...(result.Responses?.[tableName] ?? []).map((item) => item.record as StoredMatch));
    }
    return found;
  }

  return {
    async create(sighting, key) {
      const put = {
        TableName: tableName,
        Item: { ...sightingKey(sighting.id), entity: 'sighting', listPk: 'SIGHTING', listSk: `${sighting.createdAt}#${sighting.id}`, record: sighting },
        ConditionExpression: 'attribute_not_exists(pk)',
      };
      if (!key) {
        if (!(await putIf(put))) throw new Error(`A sighting ${sighting.id} is stored already`);
        return undefined;
      }
      // The key and the sighting are written together or not at all: no key without its sighting, nor the reverse.
      // TTL deletes an expired key late (up to days), so one past its time counts as free.
      const keyPut = {
        TableName: tableName,
        Item: { ...reportKeyKey(key.org, key.key), entity: 'report-key', key, [table.ttlAttribute]: epochSeconds(key.expiresAt) },
        ConditionExpression: 'attribute_not_exists(pk) OR #expiration < :now',
        ExpressionAttributeNames: { '#expiration': table.ttlAttribute },
        ExpressionAttributeValues: { ':now': epochSeconds(sighting.createdAt) },
      };
      for (let attempt = 1; ; attempt++) {
        try {
          await dynamo.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Put: keyPut }] }));
          return undefined;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException) || attempt === maxKeyAttempts) throw error;
          const reasons = error.CancellationReasons ?? [];
          if (reasons[1]?.Code === 'ConditionalCheckFailed') {
            const held = await dynamo.send(new GetCommand({ TableName: tableName, Key: reportKeyKey(key.org, key.key), ConsistentRead: true }));
            if (held.Item) return held.Item.key as ReportKey;
          } else if (!reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
        }
      }
    },

    async get(id) {
      const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: sightingKey(id), ConsistentRead: true }));
      return result.Item?.record as StoredSighting | undefined;
    },

    async *recent(since) {
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: tableName,
          IndexName: 'byCreated',
          KeyConditionExpression: 'listPk = :sightings AND listSk >= :since',
          ExpressionAttributeValues: { ':sightings': 'SIGHTING', ':since': since },
          ScanIndexForward: false,
        },
      );
      for await (const page of pages) for (const item of page.Items ?? []) yield item.record as StoredSighting;
    },

    async recordMatches(sightingId, matches, at) {
      // Two objects can be matched against one sighting at the same moment (a batch runs in parallel): each write
      // is conditional on the list it merged into, and a write that lost the race merges again.
      for (let attempt = 1; ; attempt++) {
        const existing = new Set((await getMatches(matches.map((match) => match.id))).map((match) => match.id));
        const fresh = matches.filter((match) => !existing.has(match.id));
        const sighting = await this.get(sightingId);
        if (!sighting) throw new Error(`no sighting ${sightingId}`);
        const matchIds = [...new Set([...sighting.matchIds, ...matches.map((match) => match.id)])];
        try {
          await dynamo.send(
            new TransactWriteCommand({
              TransactItems: [
                ...fresh.map((match) => ({
                  Put: {
                    TableName: tableName,
                    Item: matchItem(match),
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                })),
                {
                  Update: {
                    TableName: tableName,
                    Key: sightingKey(sightingId),
                    UpdateExpression: 'SET #record.#status = :status, #record.matchIds = :ids, #record.updatedAt = :at',
                    ConditionExpression: '#record.matchIds = :read',
                    ExpressionAttributeNames: { '#record': 'record', '#status': 'status' },
                    ExpressionAttributeValues: { ':status': matchIds.length > 0 ? 'matched' : 'no-match', ':ids': matchIds, ':at': at, ':read': sighting.matchIds },
                  },
                },
              ],
            }),
          );
          return fresh;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException) || attempt >= maxMergeAttempts) throw error;
        }
      }
    },

    async recordFailure(sightingId, attempts, failure, at) {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: sightingKey(sightingId),
          UpdateExpression: failure
            ? 'SET #record.attempts = :attempts, #record.#status = :failed, #record.failure = :failure, #record.updatedAt = :at'
            : 'SET #record.attempts = :attempts, #record.updatedAt = :at',
          ExpressionAttributeNames: { '#record': 'record', ...(failure ? { '#status': 'status' } : {}) },
          ExpressionAttributeValues: { ':attempts': attempts, ':at': at, ...(failure ? { ':failed': 'failed', ':failure': failure } : {}) },
        }),
      );
    },

    async getMatch(id) {
      const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: matchKey(id), ConsistentRead: true }));
      return result.Item?.record as StoredMatch | undefined;
    },

    getMatches,

    async matchesOf(objectId, page) {
      const partition = { listPk: matchesPartition(objectId) };
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byCreated',
          KeyConditionExpression: 'listPk = :partition',
          ExpressionAttributeValues: { ':partition': partition.listPk },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, ['pk', 'sk', 'listSk'], partition) } : {}),
        }),
      );
      return {
        items: (result.Items ?? []).map((item) => item.record as StoredMatch),
        ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
      };
    },

    reviewMatch: (match) => putIf({ TableName: tableName, Item: matchItem(match), ConditionExpression: 'matchStatus = :open', ExpressionAttributeValues: { ':open': 'open' } }),

    async saveFingerprints(sightingId, fingerprints) {
      await Promise.all(
        fingerprints.map((fingerprint, n) =>
          dynamo.send(new PutCommand({ TableName: tableName, Item: { ...photoKey(sightingId, n), entity: 'sighting-photo', fingerprint } })),
        ),
      );
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: sightingKey(sightingId),
          UpdateExpression: 'SET #record.photoGlobals = :globals',
          ExpressionAttributeNames: { '#record': 'record' },
          ExpressionAttributeValues: { ':globals': fingerprints.map((fingerprint) => fingerprint.global) },
        }),
      );
    },

    async fingerprints(sightingId) {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fp)',
          ExpressionAttributeValues: { ':pk': sightingKey(sightingId).pk, ':fp': 'FP#' },
        }),
      );
      return (page.Items ?? []).map((item) => item.fingerprint as PhotoFingerprint);
    },
  };
}
