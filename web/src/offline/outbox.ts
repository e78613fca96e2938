// The outbox of sightings reported on the device: queued with a client-made idempotency key, sent when the registry
// can be reached (on opening the console, when the network returns, right after reporting), kept with the outcome.
import type { Api } from '../api/client.ts';
import { uploadPhoto } from '../api/upload.ts';
import type { FieldStore, OutboxItem } from './db.ts';
import { isReachable } from './network.ts';
import { sendSighting } from './send-sighting.ts';

/** Tells the outbox screen that an item changed. */
export const outboxChanges = new EventTarget();
const changed = () => outboxChanges.dispatchEvent(new Event('change'));

export async function queueSighting(store: FieldStore, report: OutboxItem['report'], photos: File[]): Promise<OutboxItem> {
  const item: OutboxItem = {
    key: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    report,
    // A File is a Blob: kept as it is, with its name for the upload.
    photos: photos.map((file) => ({ blob: file, name: file.name })),
    state: 'pending',
  };
  await store.put('outbox', item);
  changed();
  return item;
}

export async function outboxItems(store: FieldStore): Promise<OutboxItem[]> {
  return (await store.getAllFromIndex('outbox', 'createdAt')).reverse();
}

export async function removeFromOutbox(store: FieldStore, key: string): Promise<void> {
  await store.delete('outbox', key);
  changed();
}

let sending: Promise<void> | undefined;

/**
 * Sends what waits, oldest first, and stops at the first one the network does not carry. One send at a time in this
 * page, and across the console's tabs where the browser has Web Locks (the idempotency key covers the rest).
 */
export function sendOutbox(store: FieldStore, api: Api): Promise<void> {
  if (!isReachable()) return Promise.resolve();
  sending ??= (async () => {
    try {
      if (navigator.locks) await navigator.locks.request(`${store.name}:outbox`, () => sendAll(store, api));
      else await sendAll(store, api);
    } finally {
      sending = undefined;
    }
  })();
  return sending;
}

async function sendAll(store: FieldStore, api: Api): Promise<void> {
  const save = async (item: OutboxItem) => {
    await store.put('outbox', item);
    changed();
  };
  const tried = new Set<string>();
  // Read again after each send: a sighting reported meanwhile goes out in the same round.
  for (;;) {
    const item = (await store.getAllFromIndex('outbox', 'createdAt')).find((queued) => queued.state === 'pending' && !tried.has(queued.key));
    if (!item) return;
    tried.add(item.key);
    const outcome = await sendSighting(item, { api, upload: uploadPhoto, save, now: () => new Date() });
    await save(outcome);
    if (outcome.state === 'pending') return;
  }
}
