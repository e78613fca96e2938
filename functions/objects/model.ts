// What the registry keeps about an object and its images, and the ports through which it keeps them.
import type { ObjectStatus, RegisterObject, Visibility } from '../../schemas/object-id.ts';
import type { HistoryEntry, ListObjectsQuery } from '../../schemas/object.ts';
import type { ReadableScope } from '../http/permissions.ts';
import type { PhotoFingerprint } from '../matching/photo/fingerprint.ts';

export type StoredObject = Omit<RegisterObject, 'status' | 'visibility'> & {
  id: string;
  version: number;
  status: ObjectStatus;
  /** Absent on records stored before visibility existed: they read as the default. */
  visibility?: Visibility;
  /** The note of the change to disputed or found-unresolved, shown with the record while it is in that status. */
  statusNote?: string;
  /** Registered by a quiet import (a backlog): its registration raised no alert and no look back over sightings. */
  quietImport?: true;
  orgId: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

export type ImageRecord = {
  objectId: string;
  id: string;
  status: 'pending' | 'ready' | 'rejected';
  contentType: string;
  /** The photo's file name as uploaded: a re-run of an import resends the photos whose upload never arrived. */
  filename?: string;
  uploadKey: string;
  createdAt: string;
  updatedAt: string;
  reason?: string;
  normalisedKey?: string;
  thumbnailKey?: string;
  /** Absent on photos processed before the watch lists: they fall back to the thumbnail. */
  smallThumbnailKey?: string;
  width?: number;
  height?: number;
  bytes?: number;
  sha256?: string;
};

export type ImageOutcome =
  | { status: 'ready'; normalisedKey: string; thumbnailKey: string; smallThumbnailKey: string; width: number; height: number; bytes: number; sha256: string }
  | { status: 'rejected'; reason: string };

/** What photo matching keeps of a ready image, stored beside it. */
export type StoredFingerprint = PhotoFingerprint;

export type ObjectFilter = Pick<ListObjectsQuery, 'status' | 'objectType' | 'country' | 'org'> & { readable: ReadableScope };

/** An object of an import, with the inventory numbers that make it unique within its organisation. */
export interface ImportedObject {
  object: StoredObject;
  entry: HistoryEntry;
  inventoryNumbers: string[];
  /** The sending of a batch that writes it: the same batch sent again (after a timeout) knows its own rows by it. */
  sendingKey?: string;
}

/** An object already registered under an inventory number, with the key of the import sending that wrote it. */
export interface ExistingNumber {
  id?: string;
  sendingKey?: string;
}

export interface ObjectRepository {
  /** Writes the object and its first history entry together; fails if the id exists. */
  create(object: StoredObject, entry: HistoryEntry): Promise<void>;
  /**
   * Writes each object with its history unless its organisation already has one of its inventory numbers. Returns
   * the ids of those not written, each with the object that holds the number (and the sending that wrote it) when known.
   */
  createMany(objects: ImportedObject[]): Promise<Map<string, ExistingNumber>>;
  get(id: string): Promise<{ object: StoredObject; images: ImageRecord[] } | undefined>;
  /** Replaces the object if its stored version is still `expectedVersion`, with the history entry; false if stale. */
  replace(object: StoredObject, expectedVersion: number, entry: HistoryEntry): Promise<boolean>;
  list(filter: ObjectFilter, page: { limit: number; cursor?: string }): Promise<{ items: StoredObject[]; cursor?: string }>;
  history(id: string): Promise<HistoryEntry[]>;
}

export interface ImageRepository {
  create(image: ImageRecord): Promise<void>;
  get(objectId: string, imageId: string): Promise<ImageRecord | undefined>;
  /**
   * Moves a pending image to ready (with its matching fingerprint, written together) or rejected; false if it was
   * no longer pending (already settled).
   */
  settle(objectId: string, imageId: string, outcome: ImageOutcome, at: string, fingerprint?: StoredFingerprint): Promise<boolean>;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** Hands a browser the right to upload one file to one key (a presigned POST). */
export interface UploadGrants {
  presignPost(input: { key: string; contentType: string; maxBytes: number; expiresInSeconds: number }): Promise<PresignedPost>;
}

export interface BlobStore {
  presignGet(key: string, expiresInSeconds: number): Promise<string>;
  size(key: string): Promise<number | undefined>;
  get(key: string): Promise<Uint8Array>;
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface Ids {
  next(): string;
}
