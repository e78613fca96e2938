// DynamoDB repositories for partners' subscriptions and for the alerts kept for the pull feed (same table).
//
// Access patterns and the items that serve them:
//   subscription by id                 pk=SUB#<id>      sk=META
//   an organisation's subscriptions    index byCreated: listPk=SUBS#<org>, listSk=<createdAt>#<id>
//   alert by id                        pk=ALERT#<id>    sk=META  (the id comes from what raised it: written once)
//   alerts, newest first               index byCreated: listPk=ALERT, listSk=<occurredAt>#<alertId>
import { DeleteCommand, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../../schemas/alerts.ts';
import type { AlertRepository, StoredSubscription, SubscriptionRepository } from '../alerts/model.ts';
import { dynamo } from './clients.ts';
import { putIf } from './condition-failures.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const subscriptionKey = (id: string) => ({ pk: `SUB#${id}`, sk: 'META' });
const alertKey = (id: string) => ({ pk: `ALERT#${id}`, sk: 'META' });

const subscriptionItem = (subscription: StoredSubscription) => ({
  ...subscriptionKey(subscription.id),
  entity: 'subscription',
  version: subscription.version,
  listPk: `SUBS#${subscription.org}`,
  listSk: `${subscription.createdAt}#${subscription.id}`,
  record: subscription,
});

export function dynamoSubscriptions(tableName: string): SubscriptionRepository {
  return {
    async create(subscription) {
      if (!(await putIf({ TableName: tableName, Item: subscriptionItem(subscription), ConditionExpression: 'attribute_not_exists(pk)' }))) {
        throw new Error(`A subscription ${subscription.id} is stored already`);
      }
    },

    async get(id) {
      const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: subscriptionKey(id), ConsistentRead: true }));
      return result.Item?.record as StoredSubscription | undefined;
    },

    async listByOrg(org) {
      const found: StoredSubscription[] = [];
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: tableName,
          IndexName: 'byCreated',
          KeyConditionExpression: 'listPk = :org',
          ExpressionAttributeValues: { ':org': `SUBS#${org}` },
        },
      );
      for await (const page of pages) found.push(...(page.Items ?? []).map((item) => item.record as StoredSubscription));
      return found;
    },

    replace: (subscription, expectedVersion) =>
      putIf({ TableName: tableName, Item: subscriptionItem(subscription), ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),

    async delete(id) {
      await dynamo.send(new DeleteCommand({ TableName: tableName, Key: subscriptionKey(id) }));
    },
  };
}

export function dynamoAlerts(tableName: string): AlertRepository {
  return {
    async record(alert) {
      await dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...alertKey(alert.alertId), entity: 'alert', listPk: 'ALERT', listSk: `${alert.occurredAt}#${alert.alertId}`, record: alert },
        }),
      );
    },

    async *newest({ since, cursor }) {
      const before = cursor ? decodeCursor(cursor, ['before']).before : undefined;
      const lowest = since ?? '';
      // An older cursor with a later `since`: nothing lies between them (and DynamoDB refuses the reversed range).
      if (before !== undefined && before < lowest) return;
      const pages = paginateQuery(
        { client: dynamo, pageSize: 100 },
        {
          TableName: tableName,
          IndexName: 'byCreated',
          ScanIndexForward: false,
          ...(before
            ? {
                KeyConditionExpression: 'listPk = :alerts AND listSk BETWEEN :since AND :before',
                ExpressionAttributeValues: { ':alerts': 'ALERT', ':since': lowest, ':before': before },
              }
            : {
                KeyConditionExpression: 'listPk = :alerts AND listSk >= :since',
                ExpressionAttributeValues: { ':alerts': 'ALERT', ':since': lowest },
              }),
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const position = item.listSk as string;
          // BETWEEN includes its upper bound, which is the last alert of the previous page.
          if (position === before) continue;
          yield { alert: item.record as Alert, cursor: encodeCursor({ before: position }) };
        }
      }
    },
  };
}
