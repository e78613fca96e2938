// Lambda's event source mapping on the table stream, for DynamoDB Local: reads every shard in order, applies
// the declared filters, invokes the function in batches, retries the failed records (partial batch responses),
// and after the last attempt sends the failure to the function's dead-letter queue. Positions are kept in the
// data folder, so a restart resumes where it stopped.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { eventSources, type FunctionName, type TableStreamSource } from '../../infra/wiring.ts';
import { passesFilters } from './event-filter.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;
export type StreamRecord = _Record & { eventSourceARN: string };

const idleMs = 200;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Delivers one batch as Lambda's event source mapping does: a partial failure resumes at the first failed record,
 * a thrown error retries the whole batch, and after the last attempt the rest goes to the dead-letter queue.
 */
export async function deliverBatch(
  source: Pick<TableStreamSource, 'fn' | 'maxAttempts'>,
  records: StreamRecord[],
  invoke: Invoke,
  deadLetter: (fn: FunctionName, failure: Record<string, unknown>) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  let pending = records;
  for (let attempt = 1; pending.length > 0; attempt++) {
    let failedFrom: number;
    try {
      const response = (await invoke(source.fn, { Records: pending })) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
      const failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      failedFrom = pending.findIndex((record) => failedIds.has(record.dynamodb?.SequenceNumber ?? ''));
    } catch (error) {
      log(`${source.fn} failed on a stream batch (attempt ${attempt}): ${String(error)}`);
      failedFrom = 0;
    }
    if (failedFrom < 0) return;
    pending = pending.slice(failedFrom);
    if (attempt >= source.maxAttempts) {
      await deadLetter(source.fn, {
        requestContext: { condition: 'RetryAttemptsExhausted', functionName: source.fn, approximateInvokeCount: attempt },
        DDBStreamBatchInfo: {
          shardId: 'local',
          startSequenceNumber: pending[0]?.dynamodb?.SequenceNumber,
          endSequenceNumber: pending.at(-1)?.dynamodb?.SequenceNumber,
          batchSize: pending.length,
          streamArn: pending[0]?.eventSourceARN,
        },
      });
      return;
    }
  }
}

export function feedTableStreams(options: {
  endpoint: string;
  tableName: string;
  dataDir: string;
  invoke: Invoke;
  deadLetter: (fn: FunctionName, failure: Record<string, unknown>) => Promise<void>;
  log: (line: string) => void;
}) {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = new DynamoDBClient({ endpoint: options.endpoint, region: 'us-east-1', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'us-east-1', credentials });
  const sources = eventSources.filter((source): source is Extract<typeof source, { kind: 'table-stream' }> => source.kind === 'table-stream');
  const checkpointFile = join(options.dataDir, 'stream-positions.json');
  let positions: Record<string, string> = {};
  const finishedShards = new Set<string>();
  let running = true;

  async function shardsOf(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let from: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: from }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      from = page.StreamDescription?.LastEvaluatedShardId;
    } while (from);
    return shards;
  }

  async function readShard(streamArn: string, shard: Shard): Promise<number> {
    const shardId = shard.ShardId ?? '';
    const position = positions[shardId];
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(position ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    const page = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 100 }));
    const records = (page.Records ?? []).map((record) => ({ ...record, eventSourceARN: streamArn }));
    for (const source of sources) {
      const wanted = records.filter((record) => passesFilters(source.filters, record));
      for (const batch of chunks(wanted, source.batchSize)) await deliverBatch(source, batch, options.invoke, options.deadLetter, options.log);
    }
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) {
      positions[shardId] = last;
      await writeFile(checkpointFile, JSON.stringify(positions));
    }
    if (!page.NextShardIterator && shard.SequenceNumberRange?.EndingSequenceNumber) finishedShards.add(shardId);
    return records.length;
  }

  const loop = (async () => {
    try {
      positions = JSON.parse(await readFile(checkpointFile, 'utf8')) as Record<string, string>;
    } catch {
      positions = {};
    }
    const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    while (running) {
      let read = 0;
      try {
        // Parents before children: DescribeStream lists shards in creation order.
        for (const shard of await shardsOf(streamArn)) {
          if (!running) break;
          if (!finishedShards.has(shard.ShardId ?? '')) read += await readShard(streamArn, shard);
        }
      } catch (error) {
        options.log(`reading the table stream failed: ${String(error)}`);
      }
      if (read === 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
    }
  })();

  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      dynamo.destroy();
      streams.destroy();
    },
  };
}
