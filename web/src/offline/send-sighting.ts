// Sends one queued sighting: its photos to the registry's upload links, then the report with its idempotency key; and
// what becomes of it when that fails: a refusal ends it with the registry's reason, a lost network keeps it queued.
import type * as z from 'zod';
import type { QueryUpload, ReportSighting, SightingAccepted } from '../../../schemas/matching.ts';
import type { OutboxItem } from './db.ts';

/** What it needs of web/src/api (the API client and uploadPhoto), said here so that it is tested without a browser. */
export interface SendDeps {
  api: {
    requestQueryPhoto(body: { contentType: string; filename?: string }): Promise<z.output<typeof QueryUpload>>;
    reportSighting(body: z.input<typeof ReportSighting>, idempotencyKey: string): Promise<z.output<typeof SightingAccepted>>;
  };
  upload(grant: z.output<typeof QueryUpload>, file: Blob, onProgress: (fraction: number) => void): Promise<void>;
  /** Keeps the item as it now is: a photo uploaded once is not uploaded again by a retry. */
  save: (item: OutboxItem) => Promise<void>;
  now: () => Date;
}

/** Statuses that say "not now" rather than "no": an expired session, a timeout, rate limiting. */
const retryable = new Set([401, 408, 425, 429]);

/** An ApiError or an UploadError: a refusal with its HTTP status (0 when the network failed), for a 400 its fields. */
type Refusal = Error & { status?: number; fields?: { path: string; reason: string }[] };

/** Whether the registry refused the report for good (4xx), and in what words; anything else is worth another try. */
export function outcomeOf(error: unknown): { state: 'pending' | 'failed'; reason: string } {
  const refusal: Refusal = error instanceof Error ? error : new Error(String(error));
  const status = refusal.status ?? 0;
  const fields = (refusal.fields ?? []).map((field) => `${field.path || '(request)'}: ${field.reason}`);
  const reason = [refusal.message, ...fields].join(' · ');
  return { state: status >= 400 && status < 500 && !retryable.has(status) ? 'failed' : 'pending', reason };
}

export async function sendSighting(queued: OutboxItem, deps: SendDeps): Promise<OutboxItem> {
  const item: OutboxItem = { ...queued, photos: [...queued.photos] };
  try {
    for (const [at, photo] of item.photos.entries()) {
      if (photo.imageKey) continue;
      const grant = await deps.api.requestQueryPhoto({ contentType: photo.blob.type, filename: photo.name });
      await deps.upload(grant, photo.blob, () => undefined);
      item.photos[at] = { ...photo, imageKey: grant.imageKey };
      await deps.save(item);
    }
    const imageKeys = item.photos.flatMap((photo) => (photo.imageKey ? [photo.imageKey] : []));
    const accepted = await deps.api.reportSighting({ ...item.report, ...(imageKeys.length ? { imageKeys } : {}) }, item.key);
    const { reason: _, ...sent } = item;
    return { ...sent, state: 'sent', sightingId: accepted.id, sentAt: deps.now().toISOString() };
  } catch (error) {
    return { ...item, ...outcomeOf(error) };
  }
}
