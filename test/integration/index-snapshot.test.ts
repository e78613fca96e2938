// The matching index's snapshot through the S3 emulator: what the hourly function writes is what a cold start reads,
// a registry without a snapshot yet reads none, and a damaged one reaches the index, which sets it aside.
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { bucket } from '../../infra/resources.ts';
import { decodeIndexSnapshot, encodeIndexSnapshot } from '../../functions/matching/snapshot-file.ts';
import { adapterEnvironment } from '../support/adapter-env.ts';

const awsEndpoint = inject('awsEndpoint');
adapterEnvironment(inject('dynamoEndpoint'));
process.env.AWS_ENDPOINT_URL_S3 = awsEndpoint;
// The adapters read their endpoint when they load: after the environment above.
const { indexStore } = await import('../../functions/adapters/index-store.ts');

const bucketName = `index-snapshot-${randomUUID().slice(0, 8)}`;
const s3 = new S3Client({ endpoint: awsEndpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
});
afterAll(() => s3.destroy());

const images = 2_000;
const snapshot = {
  builtAt: '2025-06-01T12:00:00.000Z',
  sought: ['object-0', 'object-1'],
  text: Uint8Array.from([7, 8, 9]),
  photo: {
    version: 4 as const,
    dimensions: 64,
    objectIds: Array.from({ length: images }, (_, n) => `object-${n}`),
    imageIds: Array.from({ length: images }, () => 'front'),
    vectors: Uint8Array.from({ length: images * 64 }, (_, n) => (n * 31) % 256),
    keypointCounts: new Uint16Array(images).fill(3),
    words: Uint16Array.from({ length: images * 3 }, (_, n) => (n % 3) * 2000 + (n % 1000)),
    signatures: Uint16Array.from({ length: images * 3 }, (_, n) => (n * 40503) & 0xffff),
  },
};

describe('the index snapshot in S3', () => {
  it('reads back what the hourly snapshot wrote, byte for byte', async () => {
    // Arrange
    const store = indexStore('unused', bucketName);
    const written = encodeIndexSnapshot(snapshot);

    // Act
    await store.saveSnapshot(written);
    const read = await store.loadSnapshot();

    // Assert
    expect(Buffer.from(read!).equals(Buffer.from(written))).toBe(true);
    const decoded = decodeIndexSnapshot(read!);
    expect(decoded.photo.objectIds).toEqual(snapshot.photo.objectIds);
    expect([...decoded.photo.words]).toEqual([...snapshot.photo.words]);
    expect([...decoded.photo.signatures]).toEqual([...snapshot.photo.signatures]);
    expect([...decoded.photo.vectors]).toEqual([...snapshot.photo.vectors]);
  });

  it('reads none where no snapshot was written yet, and hands back a damaged one for the index to set aside', async () => {
    // Arrange
    const empty = `index-snapshot-empty-${randomUUID().slice(0, 8)}`;
    await s3.send(new CreateBucketCommand({ Bucket: empty }));
    const damaged = encodeIndexSnapshot(snapshot).subarray(0, 100);
    await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: `${bucket.indexPrefix}snapshot.bin.gz`, Body: damaged }));

    // Act
    const none = await indexStore('unused', empty).loadSnapshot();
    const cutShort = await indexStore('unused', bucketName).loadSnapshot();

    // Assert
    expect(none).toBeUndefined();
    expect(cutShort?.length).toBe(100);
    expect(() => decodeIndexSnapshot(cutShort!)).toThrow(/not a complete gzip stream/);
  });
});
