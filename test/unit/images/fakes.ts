// In-memory stand-ins for the ports the image functions use, with the same semantics as the real adapters.
import type { BlobStore, Clock, ImageOutcome, ImageRecord, ImageRepository, Ids } from '../../../functions/objects/model.ts';

export function memoryImages(initial: ImageRecord[] = []): ImageRepository & { all(): ImageRecord[] } {
  const records = new Map(initial.map((image) => [`${image.objectId}/${image.id}`, image]));
  return {
    all: () => [...records.values()],
    async create(image) {
      const key = `${image.objectId}/${image.id}`;
      if (records.has(key)) throw new Error(`image ${key} exists`);
      records.set(key, image);
    },
    async get(objectId, imageId) {
      return records.get(`${objectId}/${imageId}`);
    },
    async settle(objectId: string, imageId: string, outcome: ImageOutcome, at: string) {
      const current = records.get(`${objectId}/${imageId}`);
      if (!current || current.status !== 'pending') return false;
      records.set(`${objectId}/${imageId}`, { ...current, ...outcome, updatedAt: at });
      return true;
    },
  };
}

export interface StoredBlob {
  body: Uint8Array;
  contentType: string;
}

type PresignPostInput = Parameters<BlobStore['presignPost']>[0];

export function memoryBlobs(initial: Record<string, Uint8Array> = {}): Omit<BlobStore, 'presignGet'> & { blobs: Map<string, StoredBlob>; posts: PresignPostInput[] } {
  const blobs = new Map(Object.entries(initial).map(([key, body]) => [key, { body, contentType: 'application/octet-stream' }]));
  const posts: PresignPostInput[] = [];
  return {
    blobs,
    posts,
    async presignPost(input) {
      posts.push(input);
      const { key, contentType } = input;
      return { url: 'https://uploads.example.test/registry-images', fields: { key, 'Content-Type': contentType } };
    },
    async size(key) {
      return blobs.get(key)?.body.byteLength;
    },
    async get(key) {
      const blob = blobs.get(key);
      if (!blob) throw new Error(`no blob ${key}`);
      return blob.body;
    },
    async put(key, body, contentType) {
      blobs.set(key, { body, contentType });
    },
    async delete(key) {
      blobs.delete(key);
    },
  };
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export const sequentialIds = (ids: string[]): Ids => {
  const queue = [...ids];
  return {
    next: () => {
      const id = queue.shift();
      if (!id) throw new Error('ran out of ids');
      return id;
    },
  };
};
