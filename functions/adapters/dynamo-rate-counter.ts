// Request counters for the rate limits, in their own DynamoDB table: one atomic ADD per bucket and request.
//
// Access patterns and the items that serve them:
//   count a hit of a caller's bucket in a minute   pk=<bucket>#<org>#<sub>#<windowStart>   count, expiration (TTL)
// A fresh item each minute keeps the update unconditional (no read, no condition); TTL removes the old ones.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rateTable } from '../../infra/resources.ts';
import type { RateCounter } from '../http/rate-limit.ts';
import { dynamo } from './clients.ts';

export function dynamoRateCounter(tableName: string): RateCounter {
  return {
    async hit(key, windowStart, expiresAt) {
      const result = await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [rateTable.partitionKey]: `${key}#${windowStart}` },
          UpdateExpression: 'ADD #count :one SET #expiration = :ttl',
          ExpressionAttributeNames: { '#count': 'count', '#expiration': rateTable.ttlAttribute },
          ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.count);
    },
  };
}
