// For tests that call an adapter directly: its shared AWS clients read their endpoint and credentials from the
// environment when they load, and config() needs the registry's variables to exist (not to be reachable).
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { env } from '../../infra/resources.ts';

export function adapterEnvironment(dynamoEndpoint: string): void {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  for (const name of [env.table, env.auditTable, env.rateTable, env.bucket, env.jwtAudience]) process.env[name] ??= 'unused';
  process.env[env.alertsTopic] ??= 'arn:aws:sns:us-east-1:000000000000:unused';
  process.env[env.jwtIssuer] ??= 'http://127.0.0.1/unused';
  process.env[env.jwksUri] ??= 'http://127.0.0.1/unused/jwks.json';
}

/** A table of its own for one test file, with the given keys, in DynamoDB Local; `drop` deletes it. */
export async function scratchTable(dynamoEndpoint: string, name: string, keys: { partitionKey: string; sortKey?: string }) {
  const admin = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const names = [keys.partitionKey, ...(keys.sortKey ? [keys.sortKey] : [])];
  await admin.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: names.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    }),
  );
  await waitUntilTableExists({ client: admin, maxWaitTime: 30 }, { TableName: name });
  return {
    admin,
    async drop() {
      await admin.send(new DeleteTableCommand({ TableName: name }));
      admin.destroy();
    },
  };
}
