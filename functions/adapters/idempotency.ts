// Powertools idempotency records in the registry's own table: one partition per function, expired by the table's TTL.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';

export const idempotencyStore = (tableName: string, functionName: string) =>
  new DynamoDBPersistenceLayer({ tableName, keyAttr: 'pk', sortKeyAttr: 'sk', staticPkValue: `IDEMPOTENCY#${functionName}` });
