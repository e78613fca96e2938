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
  async function page(input: Omit<QueryCommandInput, 'TableName'>, partition: Record<string, string>, request: AuditPageRequest) {
    const start = request.cursor ? decodeCursor(request.cursor, ['pk', 'sk'], partition) : undefined;
    const result = await dynamo.send(
      new QueryCommand({ ...input, TableName: tableName, ScanIndexForward: false, Limit: request.limit, ...(start ? { ExclusiveStartKey: start } : {}) }),
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
      const partition = { pk: `OBJECT#${objectId}` };
      return page({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition.pk } }, partition, request);
    },

    byActor(sub, request) {
      const partition = { actorPk: `ACTOR#${sub}` };
      return page({ IndexName: 'byActor', KeyConditionExpression: 'actorPk = :actor', ExpressionAttributeValues: { ':actor': partition.actorPk } }, partition, request);
    },
  };
}
