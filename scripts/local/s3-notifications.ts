// fauxqs emits no S3 event notifications, so the local runtime delivers the ObjectCreated events that S3 would:
// the same event shape, to the functions the wiring subscribes, with Lambda's async retries.
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { FauxqsServer, S3SpyEvent, SpyMessage } from 'fauxqs';
import { eventSources, type FunctionName } from '../../infra/wiring.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

// Lambda retries a failed asynchronous invocation twice.
const asyncAttempts = 3;

// S3 URL-encodes keys in notifications, with + for spaces.
const encodeKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

function objectCreatedEvent(upload: S3SpyEvent, size: number, eTag: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: new Date(upload.timestamp).toISOString(),
        eventName: 'ObjectCreated:Post',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomUUID(), 'x-amz-id-2': randomUUID() },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-object-created',
          bucket: { name: upload.bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${upload.bucket}` },
          object: { key: encodeKey(upload.key), size, eTag, sequencer: upload.timestamp.toString(16).toUpperCase() },
        },
      },
    ],
  };
}

export function deliverS3Notifications(options: {
  fauxqs: FauxqsServer;
  bucketName: string;
  endpoint: string;
  invoke: Invoke;
  onFailure: (error: unknown, key: string) => void;
}) {
  const s3 = new S3Client({ endpoint: options.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const delivered = new WeakSet<SpyMessage>();
  // fauxqs reports one presigned POST as two uploads with the same timestamp; S3 sends one event per write.
  const writesSeen = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let running = true;

  const isUpload = (message: SpyMessage): message is S3SpyEvent =>
    message.service === 's3' && message.status === 'uploaded' && message.bucket === options.bucketName && !delivered.has(message);

  async function deliver(upload: S3SpyEvent) {
    const head = await s3.send(new HeadObjectCommand({ Bucket: upload.bucket, Key: upload.key }));
    const event = objectCreatedEvent(upload, head.ContentLength ?? 0, (head.ETag ?? '').replaceAll('"', ''));
    for (const source of eventSources) {
      if (source.kind !== 's3' || !upload.key.startsWith(source.prefix)) continue;
      for (let attempt = 1; attempt <= asyncAttempts; attempt++) {
        try {
          await options.invoke(source.fn, event);
          break;
        } catch (error) {
          if (attempt === asyncAttempts) options.onFailure(error, upload.key);
        }
      }
    }
  }

  const loop = (async () => {
    while (running) {
      let upload: S3SpyEvent;
      try {
        upload = (await options.fauxqs.spy.waitForMessage((message) => isUpload(message), 'uploaded')) as S3SpyEvent;
      } catch {
        break; // the spy was cleared: we are stopping
      }
      delivered.add(upload);
      const write = `${upload.key}@${upload.timestamp}`;
      if (writesSeen.has(write)) continue;
      writesSeen.add(write);
      if (writesSeen.size > 1000) writesSeen.delete(writesSeen.values().next().value ?? '');
      const task = deliver(upload).catch((error: unknown) => options.onFailure(error, upload.key));
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
  })();

  return {
    /** Waits for deliveries under way, then stops listening. */
    async stop() {
      running = false;
      await Promise.allSettled([...inFlight]);
      options.fauxqs.spy.clear();
      await loop;
      s3.destroy();
    },
  };
}
