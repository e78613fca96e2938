// In-memory stand-ins for the ports, with the semantics the DynamoDB and S3 adapters promise (unit tests only).
import { Invalid } from '../../functions/http/errors.ts';
import { inScope } from '../../functions/http/permissions.ts';
import { inventoryNumbersOf } from '../../functions/imports/inventory-number.ts';
import { normaliseObjectType } from '../../functions/objects/object-type.ts';
import type { HistoryEntry } from '../../schemas/object.ts';
import type { AlertChannels, StoredSubscription, SubscriptionRepository } from '../../functions/alerts/model.ts';
import type { PhotoFingerprint } from '../../functions/matching/photo/fingerprint.ts';
import type { ReportKey, SightingRepository, StoredMatch, StoredSighting } from '../../functions/sightings/model.ts';
import type { RateCounter } from '../../functions/http/rate-limit.ts';
import type { BlobStore, Clock, ExistingNumber, ImageOutcome, ImageRecord, ImageRepository, Ids, ObjectFilter, ObjectRepository, StoredFingerprint, StoredObject, UploadGrants } from '../../functions/objects/model.ts';

type Row = { object: StoredObject; images: ImageRecord[]; history: HistoryEntry[] };

/** Objects with their images and history; copies go in and out so callers cannot change what is stored. */
export function memoryObjects(): ObjectRepository & {
  addImage(image: ImageRecord): void;
  stored(id: string): StoredObject | undefined;
} {
  const rows = new Map<string, Row>();
  const inventory = new Map<string, string>();
  const sendingOf = new Map<string, string>();
  const numberKey = (org: string, number: string) => `${org}#${number}`;

  return {
    async create(object, entry) {
      if (rows.has(object.id)) throw new Error(`object ${object.id} exists`);
      rows.set(object.id, { object: structuredClone(object), images: [], history: [structuredClone(entry)] });
      for (const number of inventoryNumbersOf(object)) inventory.set(numberKey(object.orgId, number), object.id);
    },

    async createMany(objects) {
      const existing = new Map<string, ExistingNumber>();
      for (const { object, entry, inventoryNumbers, sendingKey } of objects) {
        const taken = inventoryNumbers.map((number) => numberKey(object.orgId, number)).find((key) => inventory.has(key));
        const id = taken && inventory.get(taken);
        const sending = taken && sendingOf.get(taken);
        if (taken) existing.set(object.id, { ...(id ? { id } : {}), ...(sending ? { sendingKey: sending } : {}) });
        else {
          await this.create(object, entry);
          // As the table does: an import keys the object by the numbers it is given (a holder's, in a register of many).
          for (const number of inventoryNumbers) {
            inventory.set(numberKey(object.orgId, number), object.id);
            if (sendingKey) sendingOf.set(numberKey(object.orgId, number), sendingKey);
          }
        }
      }
      return existing;
    },

    async get(id) {
      const row = rows.get(id);
      return row && structuredClone({ object: row.object, images: row.images });
    },

    async replace(object, expectedVersion, entry) {
      const row = rows.get(object.id);
      if (!row || row.object.version !== expectedVersion) return false;
      row.object = structuredClone(object);
      row.history.push(structuredClone(entry));
      return true;
    },

    // Newest first, like the byCreated index; the cursor is the id of the last object handed out.
    async list(filter: ObjectFilter, page) {
      const matching = [...rows.values()]
        .map((row) => row.object)
        .filter((object) => !filter.status || object.status === filter.status)
        .filter((object) => !filter.objectType || normaliseObjectType(object.objectType) === normaliseObjectType(filter.objectType))
        .filter((object) => !filter.country || object.incident?.country === filter.country)
        .filter((object) => !filter.org || object.orgId === filter.org)
        .filter((object) => inScope(filter.readable, object))
        .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
      const start = page.cursor ? matching.findIndex((object) => object.id === page.cursor) + 1 : 0;
      if (page.cursor && start === 0) throw new Invalid('The cursor is not one this API handed out', [{ path: 'cursor', reason: 'is not a valid cursor' }]);
      const items = matching.slice(start, start + page.limit);
      const more = start + page.limit < matching.length;
      return { items: structuredClone(items), ...(more ? { cursor: items.at(-1)?.id } : {}) };
    },

    async history(id) {
      return structuredClone(rows.get(id)?.history ?? []);
    },

    addImage(image) {
      const row = rows.get(image.objectId);
      if (!row) throw new Error(`no object ${image.objectId}`);
      row.images.push(structuredClone(image));
    },

    stored(id) {
      const row = rows.get(id);
      return row && structuredClone(row.object);
    },
  };
}

/** Blobs in a map; presigned links are fake URLs that name the key and lifetime so tests can check them. */
export function memoryBlobs(initial: Record<string, Uint8Array> = {}): BlobStore & { blobs: Map<string, { body: Uint8Array; contentType: string }> } {
  const blobs = new Map(Object.entries(initial).map(([key, body]) => [key, { body, contentType: 'application/octet-stream' }]));
  return {
    blobs,
    async presignGet(key, expiresInSeconds) {
      return `https://blobs.example.test/registry-images/${key}?expires=${expiresInSeconds}`;
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

type PresignPostInput = Parameters<UploadGrants['presignPost']>[0];

export function memoryImages(initial: ImageRecord[] = []): ImageRepository & { all(): ImageRecord[]; fingerprints: Map<string, StoredFingerprint> } {
  const records = new Map(initial.map((image) => [`${image.objectId}/${image.id}`, image]));
  const fingerprints = new Map<string, StoredFingerprint>();
  return {
    all: () => [...records.values()],
    fingerprints,
    async create(image) {
      const key = `${image.objectId}/${image.id}`;
      if (records.has(key)) throw new Error(`image ${key} exists`);
      records.set(key, image);
    },
    async get(objectId, imageId) {
      return records.get(`${objectId}/${imageId}`);
    },
    async settle(objectId: string, imageId: string, outcome: ImageOutcome, at: string, fingerprint?: StoredFingerprint) {
      const current = records.get(`${objectId}/${imageId}`);
      if (!current || current.status !== 'pending') return false;
      records.set(`${objectId}/${imageId}`, { ...current, ...outcome, updatedAt: at });
      if (fingerprint) fingerprints.set(`${objectId}/${imageId}`, fingerprint);
      return true;
    },
  };
}

export function memoryUploadGrants(): UploadGrants & { posts: PresignPostInput[] } {
  const posts: PresignPostInput[] = [];
  return {
    posts,
    async presignPost(input) {
      posts.push(input);
      const { key, contentType } = input;
      return { url: 'https://uploads.example.test/registry-images', fields: { key, 'Content-Type': contentType } };
    },
  };
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });


/** A clock that moves one minute on every reading, so each write gets its own timestamp. */
export function steppingClock(start = '2025-03-14T09:00:00.000Z'): Clock {
  let next = Date.parse(start);
  return {
    now: () => {
      const at = new Date(next);
      next += 60_000;
      return at;
    },
  };
}

/** The given ids in order, then UUIDs 00000000-0000-4000-8000-000000000001, ...0002 and so on. */
export function sequentialIds(first: string[] = []): Ids {
  const queue = [...first];
  let n = 0;
  return { next: () => queue.shift() ?? `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
}

/** Everything the object functions take, in memory. */
export function memoryRegistry() {
  return { objects: memoryObjects(), blobs: memoryBlobs(), clock: steppingClock(), ids: sequentialIds() };
}

/** Sightings and matches, with the repository's promises: a pair matches once, a review needs an open match. */
export function memorySightings(): SightingRepository & { matches: Map<string, StoredMatch> } {
  const sightings = new Map<string, StoredSighting>();
  const matches = new Map<string, StoredMatch>();
  const fingerprints = new Map<string, PhotoFingerprint[]>();
  const keys = new Map<string, ReportKey>();
  return {
    matches,
    async create(sighting, key) {
      if (sightings.has(sighting.id)) throw new Error(`sighting ${sighting.id} exists`);
      const held = key && keys.get(JSON.stringify([key.org, key.key]));
      if (held && held.expiresAt > sighting.createdAt) return structuredClone(held);
      sightings.set(sighting.id, structuredClone(sighting));
      if (key) keys.set(JSON.stringify([key.org, key.key]), structuredClone(key));
      return undefined;
    },
    async get(id) {
      return structuredClone(sightings.get(id));
    },
    async *recent(since) {
      const newest = [...sightings.values()].filter((s) => s.createdAt >= since).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      for (const sighting of newest) yield structuredClone(sighting);
    },
    async recordMatches(sightingId, found, at) {
      const sighting = sightings.get(sightingId);
      if (!sighting) throw new Error(`no sighting ${sightingId}`);
      const fresh = found.filter((match) => !matches.has(match.id));
      for (const match of fresh) matches.set(match.id, structuredClone(match));
      sighting.matchIds = [...new Set([...sighting.matchIds, ...found.map((match) => match.id)])];
      sighting.status = sighting.matchIds.length > 0 ? 'matched' : 'no-match';
      sighting.updatedAt = at;
      return structuredClone(fresh);
    },
    async recordFailure(sightingId, attempts, failure, at) {
      const sighting = sightings.get(sightingId);
      if (!sighting) throw new Error(`no sighting ${sightingId}`);
      Object.assign(sighting, { attempts, updatedAt: at }, failure ? { status: 'failed', failure } : {});
    },
    async getMatch(id) {
      return structuredClone(matches.get(id));
    },
    async getMatches(ids) {
      return ids.flatMap((id) => (matches.has(id) ? [structuredClone(matches.get(id) as StoredMatch)] : []));
    },
    async matchesOf(objectId, page) {
      // Newest first, like the byCreated index; the cursor is the id of the last match handed out.
      const all = [...matches.values()]
        .filter((match) => match.objectId === objectId)
        .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
      const start = page.cursor ? all.findIndex((match) => match.id === page.cursor) + 1 : 0;
      const items = all.slice(start, start + page.limit);
      const last = items.at(-1);
      return { items: structuredClone(items), ...(last && start + page.limit < all.length ? { cursor: last.id } : {}) };
    },
    async reviewMatch(match) {
      if (matches.get(match.id)?.status !== 'open') return false;
      matches.set(match.id, structuredClone(match));
      return true;
    },
    async saveFingerprints(sightingId, photos) {
      fingerprints.set(sightingId, structuredClone(photos));
      const sighting = sightings.get(sightingId);
      if (sighting) sighting.photoGlobals = photos.map((photo) => photo.global);
    },
    async fingerprints(sightingId) {
      return structuredClone(fingerprints.get(sightingId) ?? []);
    },
  };
}

/** Subscriptions keyed by id; an organisation's list comes oldest first, like the byCreated index. */
export function memorySubscriptions(): SubscriptionRepository {
  const rows = new Map<string, StoredSubscription>();
  return {
    async create(subscription) {
      if (rows.has(subscription.id)) throw new Error(`subscription ${subscription.id} exists`);
      rows.set(subscription.id, structuredClone(subscription));
    },
    async get(id) {
      return structuredClone(rows.get(id));
    },
    async listByOrg(org) {
      return [...rows.values()].filter((row) => row.org === org).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((row) => structuredClone(row));
    },
    async replace(subscription, expectedVersion) {
      if (rows.get(subscription.id)?.version !== expectedVersion) return false;
      rows.set(subscription.id, structuredClone(subscription));
      return true;
    },
    async delete(id) {
      rows.delete(id);
    },
  };
}

/** Records what the delivery side was asked to do; `failOpen` makes opening fail like an AWS error would. */
export function recordingChannels(options: { failOpen?: boolean } = {}): AlertChannels & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async open({ id, delivery }) {
      calls.push(`open ${delivery.type} ${id}`);
      if (options.failOpen) throw new Error('SNS is unavailable');
      return { refs: { snsSubscriptionArn: `arn:aws:sns:us-east-1:000000000000:registry-alerts:${id}` }, pendingConfirmation: delivery.type === 'email' };
    },
    async changePolicy(refs, policy) {
      calls.push(`policy ${refs.snsSubscriptionArn} ${JSON.stringify(policy)}`);
    },
    async close(refs) {
      calls.push(`close ${refs.snsSubscriptionArn ?? 'nothing'}`);
    },
  };
}

/** Rate counters like the DynamoDB adapter's: one count per key and window, with the expiry it was last given. */
export function memoryRateCounter(): RateCounter & { expiries: Map<string, number> } {
  const counts = new Map<string, number>();
  const expiries = new Map<string, number>();
  return {
    expiries,
    async hit(key, windowStart, expiresAt) {
      const item = `${key}#${windowStart}`;
      const count = (counts.get(item) ?? 0) + 1;
      counts.set(item, count);
      expiries.set(item, expiresAt);
      return count;
    },
  };
}
