// Presigned S3 POSTs: the policy pins the key, the content type and the size range of one upload.
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadGrants } from '../objects/model.ts';
import { s3 } from './clients.ts';

export function s3UploadGrants(bucketName: string): UploadGrants {
  return {
    async presignPost({ key, contentType, maxBytes, expiresInSeconds }) {
      const { url, fields } = await createPresignedPost(s3, {
        Bucket: bucketName,
        Key: key,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: expiresInSeconds,
      });
      return { url, fields };
    },
  };
}
