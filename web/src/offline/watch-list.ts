// Downloads the watch list into the device's store, page by page with its thumbnails, and refreshes it with only what
// changed since the last download (objects that left the list are dropped).
import type { WatchListEntry } from '../../../schemas/watch-lists.ts';
import type { Api } from '../api/client.ts';
import type { FieldStore, KeptEntry, WatchListMeta } from './db.ts';

export interface WatchListChoice {
  countries: string[];
  objectTypes: string[];
}

export interface DownloadProgress {
  pages: number;
  received: number;
  removed: number;
}

const pageSize = 100;
/** Thumbnails fetched at once: enough to fill a slow link, few enough not to queue behind each other. */
const parallelThumbnails = 6;

const sameChoice = (meta: WatchListMeta | undefined, choice: WatchListChoice): meta is WatchListMeta =>
  meta !== undefined && meta.countries.join() === choice.countries.join() && meta.objectTypes.join() === choice.objectTypes.join();

/** The image behind the entry's presigned link, fetched now: the link expires, the kept image does not. */
async function keep(entry: WatchListEntry): Promise<KeptEntry> {
  const { thumbnail, ...rest } = entry;
  if (!thumbnail) return rest;
  const response = await fetch(thumbnail.url);
  // A photo gone since the page was written leaves the entry without one; a lost network fails the download.
  return response.ok ? { ...rest, thumbnail: await response.blob() } : rest;
}

async function keepAll(entries: WatchListEntry[]): Promise<KeptEntry[]> {
  const kept: KeptEntry[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    for (let at = next++; at < entries.length; at = next++) kept[at] = await keep(entries[at]!);
  };
  await Promise.all(Array.from({ length: parallelThumbnails }, worker));
  return kept;
}

/**
 * Brings the kept list up to date with the registry: the whole list for a new choice of countries and types, else
 * what changed since the last download. An interrupted download keeps what it had and starts over next time.
 */
export async function downloadWatchList(api: Api, store: FieldStore, choice: WatchListChoice, onProgress: (progress: DownloadProgress) => void): Promise<WatchListMeta> {
  const previous = await store.get('meta', 'watch-list');
  const since = sameChoice(previous, choice) ? previous.asOf : undefined;
  const received = new Set<string>();
  const progress: DownloadProgress = { pages: 0, received: 0, removed: 0 };
  let cursor: string | undefined;
  let asOf = '';
  do {
    const page = await api.watchList({
      countries: choice.countries.join(','),
      ...(choice.objectTypes.length ? { objectTypes: choice.objectTypes.join(',') } : {}),
      ...(since ? { since } : {}),
      ...(cursor ? { cursor } : {}),
      limit: pageSize,
    });
    const kept = await keepAll(page.items);
    const tx = store.transaction('entries', 'readwrite');
    await Promise.all([...kept.map((entry) => tx.store.put(entry)), ...page.removed.map((id) => tx.store.delete(id)), tx.done]);
    for (const entry of kept) received.add(entry.id);
    progress.pages += 1;
    progress.received += kept.length;
    progress.removed += page.removed.length;
    onProgress({ ...progress });
    cursor = page.cursor;
    asOf = page.asOf;
  } while (cursor);

  if (!since) {
    // A whole download replaces the list: what it did not hand out is no longer on it.
    const stale = (await store.getAllKeys('entries')).filter((id) => !received.has(id));
    const tx = store.transaction('entries', 'readwrite');
    await Promise.all([...stale.map((id) => tx.store.delete(id)), tx.done]);
  }
  const meta: WatchListMeta = { ...choice, asOf, refreshedAt: new Date().toISOString() };
  await store.put('meta', meta, 'watch-list');
  return meta;
}

/** Forgets the list on this device (a shared phone, a finished mission). */
export async function removeWatchList(store: FieldStore): Promise<void> {
  const tx = store.transaction(['entries', 'meta'], 'readwrite');
  await Promise.all([tx.objectStore('entries').clear(), tx.objectStore('meta').clear(), tx.done]);
}

/** Bytes the kept list takes: its entries as JSON and its thumbnails (what the 25 MB budget for 5,000 objects counts). */
export function keptBytes(entries: KeptEntry[]): number {
  const encoder = new TextEncoder();
  return entries.reduce((sum, { thumbnail, ...entry }) => sum + encoder.encode(JSON.stringify(entry)).length + (thumbnail?.size ?? 0), 0);
}
