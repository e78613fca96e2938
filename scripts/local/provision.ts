// Creates the table, bucket and topic that infra/resources.ts declares, through the ordinary AWS APIs.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { alertsTopic, auditTable, bucket, rateTable, table } from '../../infra/resources.ts';
import { eventSources, type FunctionName } from '../../infra/wiring.ts';

export interface Provisioned {
  tableName: string;
  auditTableName: string;
  rateTableName: string;
  bucketName: string;
  alertsTopicArn: string;
  /** The dead-letter queue of each function behind an event source, as the stack gives it one. */
  failureQueueUrls: Map<FunctionName, string>;
}

type TableDecl = {
  partitionKey: string;
  sortKey?: string;
  indexes?: readonly { name: string; partitionKey: string; sortKey: string }[];
  stream?: StreamViewType;
};

const indexSchema = (index: NonNullable<TableDecl['indexes']>[number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

export async function ensureTable(client: DynamoDBClient, name: string, decl: TableDecl) {
  const indexes = decl.indexes ?? [];
  try {
    const { Table: existing } = await client.send(new DescribeTableCommand({ TableName: name }));
    // A data folder from before an index was declared gets it, as CloudFormation adds it in AWS (one per update).
    const present = new Set((existing?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of indexes.filter((declared) => !present.has(declared.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: name,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
          GlobalSecondaryIndexUpdates: [{ Create: indexSchema(index) }],
        }),
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([decl.partitionKey, ...(decl.sortKey ? [decl.sortKey] : [])]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: decl.partitionKey, KeyType: 'HASH' }, ...(decl.sortKey ? [{ AttributeName: decl.sortKey, KeyType: 'RANGE' as const }] : [])],
      // DynamoDB refuses an empty list of indexes: a table without any leaves the field out.
      ...(indexes.length > 0 && {
        GlobalSecondaryIndexes: indexes.map(indexSchema),
      }),
      ...(decl.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: decl.stream } } : {}),
    }),
  );
}

/** Idempotent across restarts: DynamoDB refuses to enable TTL that is already enabled. */
async function ensureTimeToLive(client: DynamoDBClient, name: string, attribute: string) {
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  if ((ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') && ttl.AttributeName === attribute) return;
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } }));
}

async function ensureBucket(client: S3Client, name: string) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: name }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  }
}

export async function provision(endpoints: { dynamo: string; aws: string }): Promise<Provisioned> {
  const region = 'us-east-1';
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamo, region, credentials });
  const s3 = new S3Client({ endpoint: endpoints.aws, region, credentials, forcePathStyle: true });
  const sns = new SNSClient({ endpoint: endpoints.aws, region, credentials });
  const sqs = new SQSClient({ endpoint: endpoints.aws, region, credentials });
  try {
    await ensureTable(dynamo, table.localName, table);
    await ensureTable(dynamo, auditTable.localName, auditTable);
    await ensureTimeToLive(dynamo, table.localName, table.ttlAttribute);
    await ensureTable(dynamo, rateTable.localName, rateTable);
    await ensureTimeToLive(dynamo, rateTable.localName, rateTable.ttlAttribute);
    await ensureBucket(s3, bucket.localName);
    const topic = await sns.send(new CreateTopicCommand({ Name: alertsTopic.localName }));
    const failureQueueUrls = new Map<FunctionName, string>();
    for (const fn of new Set(eventSources.map((source) => source.fn))) {
      const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${fn}-failures`, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
      failureQueueUrls.set(fn, queue.QueueUrl ?? '');
    }
    return { tableName: table.localName, auditTableName: auditTable.localName, rateTableName: rateTable.localName, bucketName: bucket.localName, alertsTopicArn: topic.TopicArn ?? '', failureQueueUrls };
  } finally {
    dynamo.destroy();
    s3.destroy();
    sns.destroy();
    sqs.destroy();
  }
}
