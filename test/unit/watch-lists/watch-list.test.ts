import { describe, expect, it } from 'vitest';
import { readableScope } from '../../../functions/http/permissions.ts';
import type { ImageRecord, StoredObject } from '../../../functions/objects/model.ts';
import type { WatchListSource } from '../../../functions/watch-lists/model.ts';
import { onList, settleMs, shorten, textLimits, toEntry, watchList } from '../../../functions/watch-lists/watch-list.ts';
import { WatchListEntry, WatchListQuery } from '../../../schemas/watch-lists.ts';
import { caller, greekIcon, italianPainting } from '../../fixtures/objects.ts';
import { fixedClock, memoryBlobs } from '../../support/in-memory-ports.ts';

const now = '2026-11-20T10:00:00.000Z';
const police = caller('police', 'hellenic-police');
const museum = 'byzantine-museum';

function stored(record: typeof greekIcon | typeof italianPainting, changes: Partial<StoredObject> = {}): StoredObject {
  return { ...record, id: crypto.randomUUID(), version: 1, orgId: museum, createdBy: 'curator-1', createdAt: now, updatedAt: now, ...changes };
}

/** A source that hands out the objects given as they are: the filtering under test is the domain's. */
function source(items: StoredObject[]): WatchListSource & { asked: Parameters<WatchListSource['changes']>[] } {
  const asked: Parameters<WatchListSource['changes']>[] = [];
  return {
    asked,
    async changes(query, page) {
      asked.push([query, page]);
      return { items, asOf: page.asOf };
    },
  };
}

const query = (raw: Record<string, string>) => WatchListQuery.parse(raw);

describe('WatchListQuery', () => {
  it('reads comma-separated countries and types, dropping blanks and repeats', () => {
    // Act
    const parsed = query({ countries: 'GR, IT,,GR', objectTypes: 'icon,coin' });

    // Assert
    expect(parsed).toMatchObject({ countries: ['GR', 'IT'], objectTypes: ['icon', 'coin'], limit: 100 });
  });

  it('refuses a list without a country and a code that is not a country', () => {
    // Act
    const empty = WatchListQuery.safeParse({ countries: ' , ' });
    const unknown = WatchListQuery.safeParse({ countries: 'GR,XX' });

    // Assert
    expect(empty.success).toBe(false);
    expect(unknown.success).toBe(false);
  });
});

describe('onList', () => {
  const scope = readableScope(police);
  const filter = { countries: ['GR'], objectTypes: ['εικόνα'] };

  it('lists a sought object of the countries and types, and a found-unresolved one', () => {
    // Act / Assert
    expect(onList(stored(greekIcon), filter, scope)).toBe(true);
    expect(onList(stored(greekIcon, { status: 'found-unresolved' }), filter, scope)).toBe(true);
  });

  it('leaves out a recovered or returned object, another country and another type', () => {
    // Act / Assert
    expect(onList(stored(greekIcon, { status: 'recovered' }), filter, scope)).toBe(false);
    expect(onList(stored(greekIcon, { status: 'returned' }), filter, scope)).toBe(false);
    expect(onList(stored(italianPainting), { countries: ['GR'] }, scope)).toBe(false);
    expect(onList(stored(greekIcon, { objectType: 'coin' }), filter, scope)).toBe(false);
  });

  it('compares object types without case or surrounding spaces', () => {
    // Act / Assert
    expect(onList(stored(greekIcon, { objectType: ' Icon ' }), { countries: ['GR'], objectTypes: ['icon'] }, scope)).toBe(true);
  });

  it('leaves out what the caller may not read: another organisation inventoried record', () => {
    // Act / Assert
    expect(onList(stored(greekIcon, { status: 'inventoried' }), { countries: ['GR'] }, scope)).toBe(false);
    expect(onList(stored(greekIcon, { visibility: 'law-enforcement' }), { countries: ['GR'] }, readableScope(caller('market', 'auction-house')))).toBe(false);
  });
});

describe('toEntry', () => {
  it('never carries the police reference or the contact, nor the circumstances of the loss', () => {
    // Act
    const entry = toEntry(stored(greekIcon) as Parameters<typeof toEntry>[0], police);

    // Assert
    expect(WatchListEntry.parse(entry)).toEqual(entry);
    expect(JSON.stringify(entry)).not.toContain(greekIcon.policeReference);
    expect(JSON.stringify(entry)).not.toContain(String(greekIcon.contact?.email));
    expect(entry.incident).toEqual({ country: 'GR', place: greekIcon.incident.place, date: greekIcon.incident.date });
    expect(entry).toMatchObject({ inscriptions: greekIcon.inscriptions, markings: greekIcon.markings, measurements: greekIcon.measurements });
  });

  it('shortens a long description and says so', () => {
    // Arrange
    const long = `${'Icône peinte sur bois, fond doré, '.repeat(60)}fin.`;

    // Act
    const entry = toEntry(stored(greekIcon, { description: long }) as Parameters<typeof toEntry>[0], police);

    // Assert
    expect(entry.description.length).toBeLessThanOrEqual(textLimits.description);
    expect(entry.description.endsWith('…')).toBe(true);
    expect(entry.truncated).toEqual(['description']);
  });

  it('carries the notice of a disputed object', () => {
    // Act
    const entry = toEntry(stored(greekIcon, { status: 'disputed', statusNote: 'Claimed by a private collector' }) as Parameters<typeof toEntry>[0], police);

    // Assert
    expect(entry.notice).toBe('Its ownership is disputed: Claimed by a private collector');
  });
});

describe('shorten', () => {
  it('cuts at a word boundary and keeps short text whole', () => {
    // Act / Assert
    expect(shorten('a gilded icon of Saint Nicholas', 20)).toBe('a gilded icon of…');
    expect(shorten('short', 20)).toBe('short');
  });
});

describe('watchList', () => {
  const ready = (object: StoredObject, id: string, createdAt: string, small = true): ImageRecord => ({
    objectId: object.id,
    id,
    status: 'ready',
    contentType: 'image/jpeg',
    uploadKey: `uploads/${object.id}/${id}`,
    createdAt,
    updatedAt: createdAt,
    normalisedKey: `images/${object.id}/${id}.jpg`,
    thumbnailKey: `thumbs/${object.id}/${id}.jpg`,
    ...(small ? { smallThumbnailKey: `thumbs/${object.id}/${id}-small.jpg` } : {}),
  });

  function deps(items: StoredObject[], images: Record<string, ImageRecord[]> = {}) {
    const watch = source(items);
    return {
      watch,
      deps: {
        watchList: watch,
        objects: { get: async (id: string) => ({ object: items.find((item) => item.id === id) as StoredObject, images: images[id] ?? [] }) },
        blobs: memoryBlobs(),
        clock: fixedClock(now),
      },
    };
  }

  it('asks a first download for listed objects only and takes nothing back', async () => {
    // Arrange
    const icon = stored(greekIcon);
    const { watch, deps: d } = deps([icon]);

    // Act
    const page = await watchList(query({ countries: 'GR', objectTypes: 'Εικόνα' }), police, d);

    // Assert
    expect(page.items.map((entry) => entry.id)).toEqual([icon.id]);
    expect(page.removed).toEqual([]);
    expect(page.asOf).toBe(new Date(Date.parse(now) - settleMs).toISOString());
    expect(watch.asked[0]?.[0]).toMatchObject({ countries: ['GR'], listed: { objectTypes: ['εικόνα'], readable: readableScope(police) } });
    expect(watch.asked[0]?.[0]).not.toHaveProperty('since');
  });

  it('on a refresh, lists what changed and names what left the list', async () => {
    // Arrange
    const edited = stored(greekIcon, { version: 2 });
    const recovered = stored(greekIcon, { status: 'recovered', version: 3 });
    const { watch, deps: d } = deps([edited, recovered]);

    // Act
    const page = await watchList(query({ countries: 'GR', since: '2026-11-19T10:00:00Z' }), police, d);

    // Assert
    expect(page.items.map((entry) => entry.id)).toEqual([edited.id]);
    expect(page.removed).toEqual([recovered.id]);
    expect(watch.asked[0]?.[0]).toEqual({ countries: ['GR'], since: '2026-11-19T10:00:00.000Z' });
  });

  it('links the small thumbnail of the first ready photo, with its expiry, or the thumbnail of an older photo', async () => {
    // Arrange
    const icon = stored(greekIcon);
    const older = stored(greekIcon);
    const { deps: d } = deps([icon, older], {
      [icon.id]: [ready(icon, 'second', '2026-11-02T00:00:00.000Z'), ready(icon, 'first', '2026-11-01T00:00:00.000Z')],
      [older.id]: [ready(older, 'only', '2026-11-01T00:00:00.000Z', false)],
    });

    // Act
    const page = await watchList(query({ countries: 'GR' }), police, d);

    // Assert
    expect(page.items[0]?.thumbnail).toEqual({
      url: `https://blobs.example.test/registry-images/thumbs/${icon.id}/first-small.jpg?expires=900`,
      expiresAt: '2026-11-20T10:15:00.000Z',
    });
    expect(page.items[1]?.thumbnail?.url).toContain(`thumbs/${older.id}/only.jpg`);
  });
});
