// The scheduled function in bundled mode: the hourly index snapshot, invoked with the event its schedule sends, writes
// the snapshot that cold starts load. The other functions run in this project through routes.test.ts (one route of
// every API function) and the integration tests it includes: S3 uploads, table streams, webhook queues, feed
// schedules, the lot queue and certificates.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { bucket } from '../../infra/resources.ts';
import { scheduledEvent } from '../../scripts/local/schedules.ts';

describe('the index snapshot, bundled', () => {
  it('runs on its schedule event and writes the snapshot to the bucket', async () => {
    // Arrange
    const s3 = new S3Client({ endpoint: inject('awsEndpoint'), region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    // Act: as Lambda's Invoke API (served by the local runtime) would run it.
    const reply = await fetch(`${inject('apiUrl')}/2015-03-31/functions/indexSnapshot/invocations`, { method: 'POST', body: JSON.stringify(scheduledEvent()) });
    const body = await reply.text();

    // Assert
    expect({ status: reply.status, error: reply.headers.get('x-amz-function-error'), body: reply.headers.get('x-amz-function-error') ? body : '' }).toEqual({ status: 200, error: null, body: '' });
    const snapshot = await s3.send(new HeadObjectCommand({ Bucket: bucket.localName, Key: `${bucket.indexPrefix}snapshot.bin.gz` }));
    expect(snapshot.ContentLength).toBeGreaterThan(0);
  });
});
