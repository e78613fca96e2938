// Takes a sighting from the field or the market and checks it against the Red Lists at once; matching happens
// afterwards, driven by the table's stream.
import type { Caller } from '../../schemas/identity.ts';
import type { ReportSighting } from '../../schemas/matching.ts';
import { Invalid } from '../http/errors.ts';
import { textOf } from '../matching/match-sighting.ts';
import { assertOwnQueryPhoto } from '../matching/query-keys.ts';
import { redListHits } from '../red-lists/check.ts';
import type { BlobStore, Clock, Ids } from '../objects/model.ts';
import type { SightingRepository, StoredSighting } from './model.ts';

export async function reportSighting(
  report: ReportSighting,
  caller: Caller,
  deps: { sightings: SightingRepository; blobs: Pick<BlobStore, 'size'>; clock: Clock; ids: Ids },
): Promise<StoredSighting> {
  const keys = report.imageKeys ?? [];
  keys.forEach((key, n) => assertOwnQueryPhoto(key, caller, `imageKeys.${n}`));
  const sizes = await Promise.all(keys.map((key) => deps.blobs.size(key)));
  const missing = keys.flatMap((_, n) => (sizes[n] === undefined ? [{ path: `imageKeys.${n}`, reason: 'no photo was uploaded with this key' }] : []));
  if (missing.length > 0) throw new Invalid('Upload the photos before reporting the sighting', missing);

  const at = deps.clock.now().toISOString();
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
  await deps.sightings.create(sighting);
  return sighting;
}
