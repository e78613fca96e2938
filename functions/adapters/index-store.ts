// Where the matching index comes from: its snapshot in S3, the changes since in the table, and the local photo
// features of shortlisted images, read one item each.
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { bucket } from '../../infra/resources.ts';
import type { PhotoFingerprint } from '../matching/photo/fingerprint.ts';
import type { IndexChange, IndexStore } from '../matching/registry-index.ts';
import type { StoredObject } from '../objects/model.ts';
import { dynamo, s3 } from './clients.ts';
import { fingerprintKey } from './dynamo-registry.ts';

/** The snapshot as snapshot-file.ts writes it (gzipped binary). */
const snapshotKey = `${bucket.indexPrefix}snapshot.bin.gz`;

export function indexStore(tableName: string, bucketName: string): IndexStore & { saveSnapshot(bytes: Uint8Array): Promise<void> } {
  return {
    async loadSnapshot() {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: snapshotKey }));
        const bytes = await object.Body?.transformToByteArray();
        return bytes;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },

    async saveSnapshot(bytes) {
      await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: snapshotKey, Body: bytes, ContentType: 'application/gzip' }));
    },

    async *changesSince(at) {
      const pages = paginateQuery(
        { client: dynamo },
        {
          TableName: tableName,
          IndexName: 'byChange',
          KeyConditionExpression: at ? 'changePk = :change AND changeSk >= :at' : 'changePk = :change',
          ExpressionAttributeValues: { ':change': 'CHANGE', ...(at ? { ':at': at } : {}) },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const change: IndexChange =
            item.entity === 'object'
              ? { kind: 'object', object: item.record as StoredObject }
              : { kind: 'photo', objectId: item.objectId as string, imageId: item.imageId as string, fingerprint: item.fingerprint as PhotoFingerprint, at: item.at as string };
          yield change;
        }
      }
    },

    async localFeatures(objectId, imageId) {
      const result = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: fingerprintKey(objectId, imageId), ProjectionExpression: 'fingerprint.#local', ExpressionAttributeNames: { '#local': 'local' } }),
      );
      return result.Item?.fingerprint as Pick<PhotoFingerprint, 'local'> | undefined;
    },
  };
}
