// DynamoDB repository for objects, their images and their history (one table).
//
// Access patterns and the items that serve them:
//   object by id, with its images   pk=OBJ#<id>  sk=META | IMG#<imageId>   (one Query: sk >= "IMG#")
//   history of an object            pk=OBJ#<id>  sk=HIST#<version, zero-padded>
//   all objects, newest first       index byCreated: listPk=OBJECT, listSk=<createdAt>#<id>
//   objects of a country, newest    index byCountry: countryPk=COUNTRY#<code>, listSk
//   photo fingerprint of an image   pk=OBJ#<id>  sk=FP#<imageId>  (apart from the image: 25 KB, read only to match)
//   objects and fingerprints by the time they changed   index byChange: changePk=CHANGE, changeSk=<at>#<key>
//   objects of a country by the time they changed      index byCountryChange: countryPk, changeSk (the watch lists)
//   an organisation's inventory number -> its object   pk=INV#<org>#<number>  sk=INV  (an import skips a number in)
// status and object type narrow a listing with a filter; both are low-cardinality within a country. So does the organisation
// (an export's listing): it reads past other organisations' records, which a back-office export can afford. What the caller
// may read (its own organisation's records, others' by status and visibility) is a filter too; the page loop below
// fills a page past the records filtered out, so a hidden record does not even shorten a page.
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { isConditionFailure, putIf } from './condition-failures.ts';
import { defaultVisibility, Visibility } from '../../schemas/object-id.ts';
import type { HistoryEntry } from '../../schemas/object.ts';
import { Timestamp } from '../../schemas/primitives.ts';
import type { ReadableScope } from '../http/permissions.ts';
import type { ExistingNumber, ImageOutcome, ImageRecord, ImageRepository, ImportedObject, ObjectRepository, StoredObject } from '../objects/model.ts';
import type { ListedFilter, WatchListSource } from '../watch-lists/model.ts';
import { inventoryNumbersOf } from '../imports/inventory-number.ts';
import { normaliseObjectType } from '../objects/object-type.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor, refusedCursor } from './cursor.ts';
import { Busy } from '../http/errors.ts';

const objectKey = (id: string) => ({ pk: `OBJ#${id}`, sk: 'META' });
const imageKey = (objectId: string, imageId: string) => ({ pk: `OBJ#${objectId}`, sk: `IMG#${imageId}` });
export const fingerprintKey = (objectId: string, imageId: string) => ({ pk: `OBJ#${objectId}`, sk: `FP#${imageId}` });
const inventoryKey = (org: string, number: string) => ({ pk: `INV#${org}#${number}`, sk: 'INV' });
const historyKey = (id: string, version: number) => ({ pk: `OBJ#${id}`, sk: `HIST#${String(version).padStart(8, '0')}` });


function objectItem(object: StoredObject) {
  return {
    ...objectKey(object.id),
    entity: 'object',
    version: object.version,
    status: object.status,
    visibility: object.visibility ?? defaultVisibility,
    orgId: object.orgId,
    objectTypeKey: normaliseObjectType(object.objectType),
    listPk: 'OBJECT',
    listSk: `${object.createdAt}#${object.id}`,
    // An inventoried object has no loss yet, so no country to be listed under.
    ...(object.incident ? { countryPk: `COUNTRY#${object.incident.country}` } : {}),
    changePk: 'CHANGE',
    changeSk: `${object.updatedAt}#OBJ#${object.id}`,
    record: object,
  };
}

const maxTransactionItems = 100;
const maxImportAttempts = 6;

// Records written before visibility existed carry none and read as the default. DynamoDB refuses names and values
// an expression does not use, so each is added with the clause that uses it.
function readableCondition(scope: ReadableScope) {
  if (scope.othersInventoried && scope.visibilities.length === Visibility.options.length) return undefined;
  const values: Record<string, unknown> = { ':ownOrg': scope.ownOrg };
  const names: Record<string, string> = {};
  const visible: string[] = [];
  if (scope.visibilities.length > 0) {
    names['#visibility'] = 'visibility';
    scope.visibilities.forEach((visibility, n) => (values[`:visibility${n}`] = visibility));
    visible.push(`#visibility IN (${scope.visibilities.map((_, n) => `:visibility${n}`).join(', ')})`);
    if (scope.visibilities.includes(defaultVisibility)) visible.push('attribute_not_exists(#visibility)');
  }
  let others = visible.length > 0 ? `(${visible.join(' OR ')})` : undefined;
  if (others && !scope.othersInventoried) {
    names['#status'] = 'status';
    values[':inventoried'] = 'inventoried';
    others = `(#status <> :inventoried AND ${others})`;
  }
  return { expression: others ? `(orgId = :ownOrg OR ${others})` : 'orgId = :ownOrg', values, names };
}

export function dynamoRegistry(tableName: string): ObjectRepository & { images: ImageRepository } {
  const historyPut = (entry: HistoryEntry, id: string) => ({
    Put: {
      TableName: tableName,
      Item: { ...historyKey(id, entry.version), entity: 'history', entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

  const objectPut = (object: StoredObject) => ({ Put: { TableName: tableName, Item: objectItem(object), ConditionExpression: 'attribute_not_exists(pk)' } });
  const inventoryPut = (object: StoredObject, number: string, onlyNew: boolean, sendingKey?: string) => ({
    Put: {
      TableName: tableName,
      Item: { ...inventoryKey(object.orgId, number), entity: 'inventory-number', objectId: object.id, ...(sendingKey ? { sendingKey } : {}) },
      ...(onlyNew ? { ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    },
  });

  /** Writes one transaction of imported objects; those whose inventory number is taken come back with its holder. */
  async function createTogether(objects: ImportedObject[], existing: Map<string, ExistingNumber>): Promise<void> {
    let pending = objects;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const owners: ImportedObject[] = [];
      const items = pending.flatMap((imported) => {
        const puts = [objectPut(imported.object), historyPut(imported.entry, imported.object.id), ...imported.inventoryNumbers.map((number) => inventoryPut(imported.object, number, true, imported.sendingKey))];
        owners.push(...puts.map(() => imported));
        return puts;
      });
      try {
        await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (attempt === maxImportAttempts) {
          // Still crossing another writer of the same numbers (the same batch sent again while its first sending runs).
          if (reasons.some((reason) => reason.Code === 'TransactionConflict')) throw new Busy('Another import is writing the same inventory numbers');
          throw error;
        }
        for (const [n, reason] of reasons.entries()) {
          const owner = owners[n];
          if (reason.Code === 'ConditionalCheckFailed' && owner) {
            const [id, sendingKey] = [reason.Item?.objectId?.S, reason.Item?.sendingKey?.S];
            existing.set(owner.object.id, { ...(id ? { id } : {}), ...(sendingKey ? { sendingKey } : {}) });
          }
        }
        // Another writer of the same numbers at the same moment: try again shortly, the condition will settle it.
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        else if (!reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw error;
        pending = pending.filter((imported) => !existing.has(imported.object.id));
      }
    }
  }

  return {
    async create(object, entry) {
      // Unconditional: a museum may register a number twice by hand; the number then names the latest object.
      const numbers = inventoryNumbersOf(object).map((number) => inventoryPut(object, number, false));
      await dynamo.send(new TransactWriteCommand({ TransactItems: [objectPut(object), historyPut(entry, object.id), ...numbers] }));
    },

    async createMany(objects) {
      const existing = new Map<string, ExistingNumber>();
      const transactions: ImportedObject[][] = [[]];
      let size = 0;
      for (const imported of objects) {
        const items = 2 + imported.inventoryNumbers.length;
        if (size + items > maxTransactionItems) {
          transactions.push([]);
          size = 0;
        }
        transactions.at(-1)?.push(imported);
        size += items;
      }
      await Promise.all(transactions.map((together) => createTogether(together, existing)));
      return existing;
    },

    async get(id) {
      const items: Record<string, unknown>[] = [];
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: tableName,
          // FP# and HIST# sort before IMG# and META after it, so this reads the object and its images only.
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': objectKey(id).pk, ':from': 'IMG#' },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
      const meta = items.find((item) => item.sk === 'META');
      if (!meta) return undefined;
      return {
        object: meta.record as StoredObject,
        images: items.filter((item) => item.entity === 'image').map((item) => item.record as ImageRecord),
      };
    },

    async replace(object, expectedVersion, entry) {
      try {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: objectItem(object),
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                },
              },
              historyPut(entry, object.id),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async list(filter, page) {
      const conditions: string[] = [];
      const values: Record<string, unknown> = {};
      const names: Record<string, string> = {};
      if (filter.status) {
        conditions.push('#status = :status');
        names['#status'] = 'status';
        values[':status'] = filter.status;
      }
      if (filter.objectType) {
        conditions.push('objectTypeKey = :type');
        values[':type'] = normaliseObjectType(filter.objectType);
      }
      if (filter.org) {
        conditions.push('orgId = :org');
        values[':org'] = filter.org;
      }
      const readable = readableCondition(filter.readable);
      if (readable) {
        conditions.push(readable.expression);
        Object.assign(values, readable.values);
        Object.assign(names, readable.names);
      }
      const base: QueryCommandInput = filter.country
        ? {
            TableName: tableName,
            IndexName: 'byCountry',
            KeyConditionExpression: 'countryPk = :partition',
            ExpressionAttributeValues: { ...values, ':partition': `COUNTRY#${filter.country}` },
          }
        : {
            TableName: tableName,
            IndexName: 'byCreated',
            KeyConditionExpression: 'listPk = :partition',
            ExpressionAttributeValues: { ...values, ':partition': 'OBJECT' },
          };
      if (conditions.length > 0) base.FilterExpression = conditions.join(' AND ');
      if (Object.keys(names).length > 0) base.ExpressionAttributeNames = names;

      const partition: Record<string, string> = filter.country ? { countryPk: `COUNTRY#${filter.country}` } : { listPk: 'OBJECT' };
      const startKey = page.cursor ? decodeCursor(page.cursor, ['pk', 'sk', 'listSk'], partition) : undefined;
      const read = await fillPage({ ...base, ScanIndexForward: false }, page.limit, startKey, ['pk', 'sk', 'listSk', ...Object.keys(partition)]);
      return {
        items: read.items.map((item) => item.record as StoredObject),
        ...(read.resumeFrom ? { cursor: encodeCursor(read.resumeFrom) } : {}),
      };
    },

    async history(id) {
      const entries: HistoryEntry[] = [];
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': objectKey(id).pk, ':prefix': 'HIST#' },
        },
      );
      for await (const page of pages) entries.push(...(page.Items ?? []).map((item) => item.entry as HistoryEntry));
      return entries;
    },

    images: {
      async create(image) {
        const item = { ...imageKey(image.objectId, image.id), entity: 'image', imageStatus: image.status, record: image };
        if (!(await putIf({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }))) {
          throw new Error(`A photo ${image.id} is stored already`);
        }
      },

      async get(objectId, imageId) {
        const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: imageKey(objectId, imageId), ConsistentRead: true }));
        return result.Item?.record as ImageRecord | undefined;
      },

      async settle(objectId, imageId, outcome: ImageOutcome, at, fingerprint) {
        const current = await this.get(objectId, imageId);
        if (!current || current.status !== 'pending') return false;
        const settled: ImageRecord = { ...current, ...outcome, updatedAt: at };
        const fingerprintPut = fingerprint && {
          Put: {
            TableName: tableName,
            Item: {
              ...fingerprintKey(objectId, imageId),
              entity: 'fingerprint',
              objectId,
              imageId,
              at,
              changePk: 'CHANGE',
              changeSk: `${at}#FP#${objectId}/${imageId}`,
              fingerprint,
            },
          },
        };
        try {
          await dynamo.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: imageKey(objectId, imageId),
                    UpdateExpression: 'SET imageStatus = :status, #record = :record',
                    ConditionExpression: 'imageStatus = :pending',
                    ExpressionAttributeNames: { '#record': 'record' },
                    ExpressionAttributeValues: { ':status': outcome.status, ':record': settled, ':pending': 'pending' },
                  },
                },
                ...(fingerprintPut ? [fingerprintPut] : []),
              ],
            }),
          );
          return true;
        } catch (error) {
          if (isConditionFailure(error)) return false;
          throw error;
        }
      },
    },
  };
}

function pick(item: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((key) => [key, item[key]]));
}

/**
 * Reads one partition from `startKey` until `room` items passed the filter or the partition ends. Where to go on from:
 * after the last item handed out when the page cut a read short, else where DynamoDB stopped (nothing at the end).
 */
async function fillPage(input: QueryCommandInput, room: number, startKey: Record<string, unknown> | undefined, keys: string[]) {
  const taken: Record<string, unknown>[] = [];
  let next = startKey;
  let cutShort = false;
  do {
    const result = await dynamo.send(new QueryCommand({ ...input, Limit: room, ExclusiveStartKey: next }));
    const items = result.Items ?? [];
    const left = room - taken.length;
    taken.push(...items.slice(0, left));
    cutShort = items.length > left;
    next = result.LastEvaluatedKey;
  } while (taken.length < room && next);
  const last = taken.at(-1);
  return { items: taken, resumeFrom: cutShort && last ? pick(last, keys) : next };
}

/** The objects a first download keeps: sought ones of the types asked for that the caller may read. */
function listedCondition(listed: ListedFilter) {
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = { '#status': 'status' };
  listed.statuses.forEach((status, n) => (values[`:listed${n}`] = status));
  const conditions = [`#status IN (${listed.statuses.map((_, n) => `:listed${n}`).join(', ')})`];
  if (listed.objectTypes) {
    listed.objectTypes.forEach((type, n) => (values[`:type${n}`] = type));
    conditions.push(`objectTypeKey IN (${listed.objectTypes.map((_, n) => `:type${n}`).join(', ')})`);
  }
  const readable = readableCondition(listed.readable);
  if (readable) {
    conditions.push(readable.expression);
    Object.assign(values, readable.values);
    Object.assign(names, readable.names);
  }
  return { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names, values };
}

const watchKeys = ['pk', 'sk', 'countryPk', 'changeSk'];

/** The watch lists' reads: each country's objects in the order they changed, one country after another. */
export function dynamoWatchList(tableName: string): WatchListSource {
  return {
    async changes(query, page) {
      const partitions = [...new Set(query.countries)].sort().map((country) => `COUNTRY#${country}`);
      let asOf = page.asOf;
      let from = 0;
      let startKey: Record<string, unknown> | undefined;
      if (page.cursor) {
        const { asOf: kept, ...position } = decodeCursor(page.cursor, [...watchKeys, 'asOf']);
        from = partitions.indexOf(position.countryPk ?? '');
        // A cursor of another query (other countries) or a forged instant is refused, never half-followed.
        if (from < 0 || !Timestamp.safeParse(kept).success) throw refusedCursor();
        asOf = kept ?? asOf;
        startKey = position;
      }
      const listed = query.listed && listedCondition(query.listed);
      const taken: Record<string, unknown>[] = [];
      let resumeFrom: Record<string, unknown> | undefined;
      for (let n = from; n < partitions.length && taken.length < page.limit; n++) {
        const values: Record<string, unknown> = { ...listed?.values, ':partition': partitions[n] };
        if (query.since) values[':since'] = query.since;
        const read = await fillPage(
          {
            TableName: tableName,
            IndexName: 'byCountryChange',
            KeyConditionExpression: query.since ? 'countryPk = :partition AND changeSk >= :since' : 'countryPk = :partition',
            ExpressionAttributeValues: values,
            ...(listed ? { FilterExpression: listed.FilterExpression, ExpressionAttributeNames: listed.ExpressionAttributeNames } : {}),
          },
          page.limit - taken.length,
          n === from ? startKey : undefined,
          watchKeys,
        );
        taken.push(...read.items);
        resumeFrom = read.resumeFrom;
      }
      // A page that filled up as a country ended goes on after its last item: past the end of that country, into the next.
      const last = taken.at(-1);
      const position = resumeFrom ?? (last && taken.length === page.limit && last.countryPk !== partitions.at(-1) ? pick(last, watchKeys) : undefined);
      return {
        items: taken.map((item) => item.record as StoredObject),
        asOf,
        ...(position ? { cursor: encodeCursor({ ...position, asOf }) } : {}),
      };
    },
  };
}
