// Recovers an object key from an S3 event notification, which URL-encodes it and writes spaces as '+'.
export const decodeS3Key = (encoded: string): string => decodeURIComponent(encoded.replace(/\+/g, ' '));
