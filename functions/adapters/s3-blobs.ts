// S3 blob store: presigned downloads and the bytes of photos (presigned uploads: s3-upload-grants.ts).
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from '../objects/model.ts';
import { s3 } from './clients.ts';

export function s3Blobs(bucketName: string): BlobStore {
  return {
    presignGet(key, expiresInSeconds) {
      return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucketName, Key: key }), { expiresIn: expiresInSeconds });
    },

    async size(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucketName, Key: key }));
        return head.ContentLength;
      } catch (error) {
        if (error instanceof NotFound) return undefined;
        throw error;
      }
    },

    async get(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
      if (!object.Body) throw new Error(`s3://${bucketName}/${key} has no body`);
      return object.Body.transformToByteArray();
    },

    async put(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body, ContentType: contentType }));
    },

    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucketName, Key: key }));
    },
  };
}
