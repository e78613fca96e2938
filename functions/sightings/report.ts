// Takes a sighting from the field or the market and checks it against the Red Lists at once; matching happens
// afterwards, driven by the table's stream. A report sent again with its Idempotency-Key is answered as the first was.
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { Caller } from '../../schemas/identity.ts';
import type { ReportSighting, SightingAccepted } from '../../schemas/matching.ts';
import { canonicalJson } from '../certificates/canonical.ts';
import { Invalid, Unprocessable } from '../http/errors.ts';
import { textOf } from '../matching/model.ts';
import { assertOwnQueryPhoto } from '../matching/query-keys.ts';
import { redListHits } from '../red-lists/check.ts';
import type { BlobStore, Clock, Ids } from '../objects/model.ts';
import type { ReportKey, SightingRepository, StoredSighting } from './model.ts';

/**
 * How long a key is held. A phone retries as soon as it has a network again after a lost answer; a week covers one
 * that went out of range again before its retry.
 */
export const keyHeldDays = 7;

/** The same report whatever the order of its fields: what a key is compared by. */
export const fingerprintOf = (report: ReportSighting) => createHash('sha256').update(canonicalJson(report)).digest('base64url');

export async function reportSighting(
  report: ReportSighting,
  caller: Caller,
  deps: { sightings: SightingRepository; blobs: Pick<BlobStore, 'size'>; clock: Clock; ids: Ids },
  idempotencyKey?: string,
): Promise<z.infer<typeof SightingAccepted>> {
  const keys = report.imageKeys ?? [];
  keys.forEach((key, n) => assertOwnQueryPhoto(key, caller, `imageKeys.${n}`));
  const sizes = await Promise.all(keys.map((key) => deps.blobs.size(key)));
  const missing = keys.flatMap((_, n) => (sizes[n] === undefined ? [{ path: `imageKeys.${n}`, reason: 'no photo was uploaded with this key' }] : []));
  if (missing.length > 0) throw new Invalid('Upload the photos before reporting the sighting', missing);

  const now = deps.clock.now();
  const at = now.toISOString();
  const described = textOf(report);
  const sighting: StoredSighting = {
    ...report,
    id: deps.ids.next(),
    status: 'pending',
    redLists: described ? redListHits(described) : [],
    reportedBy: caller,
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    matchIds: [],
  };
  const accepted = { id: sighting.id, status: sighting.status, redLists: sighting.redLists ?? [] };
  const key: ReportKey | undefined = idempotencyKey
    ? { org: caller.org, key: idempotencyKey, fingerprint: fingerprintOf(report), accepted, expiresAt: new Date(now.getTime() + keyHeldDays * 86_400_000).toISOString() }
    : undefined;
  const held = await deps.sightings.create(sighting, key);
  if (!held) return accepted;
  if (held.fingerprint !== key?.fingerprint) {
    throw new Unprocessable('This Idempotency-Key was sent before with another sighting: send that report again unchanged, or a new key for a new report', [
      { path: 'Idempotency-Key', reason: 'was used with a different body' },
    ]);
  }
  return held.accepted;
}
