// What the console keeps on the device for field use, in IndexedDB: the watch list and the outbox of sightings.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type * as z from 'zod';
import type { ReportSighting } from '../../../schemas/matching.ts';
import type { WatchListEntry } from '../../../schemas/watch-lists.ts';
import type { Session } from '../auth/session.ts';

/** A watch list entry as kept: its thumbnail is the image itself, because the link the API gave expires in minutes. */
export type KeptEntry = Omit<WatchListEntry, 'thumbnail'> & { thumbnail?: Blob };

/** What was downloaded, and from when a refresh asks for changes. */
export interface WatchListMeta {
  countries: string[];
  objectTypes: string[];
  asOf: string;
  refreshedAt: string;
}

export type OutboxState = 'pending' | 'sent' | 'failed';

/** A sighting reported on the device, kept until the registry has it. */
export interface OutboxItem {
  /** The Idempotency-Key it is sent with, every time: the registry stores it once however often it is sent. */
  key: string;
  createdAt: string;
  report: Omit<z.input<typeof ReportSighting>, 'imageKeys'>;
  /** imageKey once uploaded, so that a retry sends the same report. */
  photos: { blob: Blob; name: string; imageKey?: string }[];
  state: OutboxState;
  sightingId?: string;
  sentAt?: string;
  /** Why the registry refused it (failed), or why the last attempt did not get through (pending). */
  reason?: string;
}

interface FieldSchema extends DBSchema {
  entries: { key: string; value: KeptEntry };
  meta: { key: 'watch-list'; value: WatchListMeta };
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: string } };
}

export type FieldStore = IDBPDatabase<FieldSchema>;

const opened = new Map<string, Promise<FieldStore>>();

/** One store per person and role on a shared device: a watch list and an outbox are what this caller may see and send. */
export function fieldStore(session: Pick<Session, 'sub' | 'org' | 'role'>): Promise<FieldStore> {
  const name = `registry-field:${session.role}:${session.org}:${session.sub}`;
  let store = opened.get(name);
  if (!store) {
    store = openDB<FieldSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('entries', { keyPath: 'id' });
        db.createObjectStore('meta');
        db.createObjectStore('outbox', { keyPath: 'key' }).createIndex('createdAt', 'createdAt');
      },
    });
    opened.set(name, store);
  }
  return store;
}
