// The audit log in its own DynamoDB table. Functions may only put items into it (the stack grants PutItem alone).
//
// Access patterns and the items that serve them:
//   an object's entries, newest first   pk=OBJECT#<objectId>   sk=<at>#<requestId>
//   a person's entries, newest first    index byActor: actorPk=ACTOR#<sub>, sk=<at>#<requestId>
//   entries about no object             pk=REQUEST#<requestId> (reached through the person who made them)
import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../schemas/audit.ts';
import type { AuditLog, AuditPageRequest } from '../audit/model.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export function dynamoAudit(tableName: string): AuditLog {
  async function page(input: Omit<QueryCommandInput, 'TableName'>, request: AuditPageRequest) {
    const result = await dynamo.send(
      new QueryCommand({ ...input, TableName: tableName, ScanIndexForward: false, Limit: request.limit, ...(request.cursor ? { ExclusiveStartKey: decodeCursor(request.cursor) } : {}) }),
    );
    return {
      items: (result.Items ?? []).map((item) => item.entry as AuditEntry),
      ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
    };
  }

  return {
    async append(entry) {
      const sk = `${entry.at}#${entry.requestId}`;
      await dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: entry.objectId ? `OBJECT#${entry.objectId}` : `REQUEST#${entry.requestId}`, sk, actorPk: `ACTOR#${entry.actor.sub}`, entry },
        }),
      );
    },

    forObject(objectId, request) {
      return page({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OBJECT#${objectId}` } }, request);
    },

    byActor(sub, request) {
      return page({ IndexName: 'byActor', KeyConditionExpression: 'actorPk = :actor', ExpressionAttributeValues: { ':actor': `ACTOR#${sub}` } }, request);
    },
  };
}
