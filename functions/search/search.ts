// Searches the registry for a caller: by text and attributes, by photo, or both, best candidates first; every search
// is kept so that it can be certified.
import { createHash } from 'node:crypto';
import type { Caller } from '../../schemas/identity.ts';
import { contactPolice, type SearchRequest, type SearchResult } from '../../schemas/matching.ts';
import type * as z from 'zod';
import { maySee } from '../http/permissions.ts';
import { alertThreshold, confidenceOf, rounded } from '../matching/combine.ts';
import { textOf } from '../matching/match-sighting.ts';
import { assertOwnQueryPhoto } from '../matching/query-keys.ts';
import { decodeInlinePhoto, fingerprintQueryPhoto, storedQueryPhoto, type QueryPhotoDeps } from '../matching/query-photo.ts';
import type { RegistryIndex } from '../matching/registry-index.ts';
import type { Candidate } from '../matching/model.ts';
import type { Ids, ObjectRepository, StoredObject } from '../objects/model.ts';
import type { SearchRecords } from '../certificates/model.ts';
import type { SearchRecord } from '../../schemas/certificates.ts';
import { toSummary } from '../objects/view.ts';
import { recordHiddenMatches, type HiddenMatch, type HiddenMatchDeps } from './hidden-matches.ts';
import { redListHits } from '../red-lists/check.ts';

export interface SearchDeps extends QueryPhotoDeps, HiddenMatchDeps {
  index: () => Promise<RegistryIndex>;
  objects: Pick<ObjectRepository, 'get'>;
  searches: Pick<SearchRecords, 'put'>;
  ids: Ids;
}

async function queryPhoto(request: SearchRequest, caller: Caller, deps: QueryPhotoDeps) {
  if (request.imageKey) {
    assertOwnQueryPhoto(request.imageKey, caller, 'imageKey');
    return { field: 'imageKey', bytes: await storedQueryPhoto(request.imageKey, 'imageKey', deps) };
  }
  if (request.image) return { field: 'image', bytes: decodeInlinePhoto(request.image) };
  return undefined;
}

// Candidates fetched past the limit, so that records the caller may not read do not shorten the list (a short list
// would say that hidden records matched).
const hiddenReserve = 10;

type ResultCandidate = z.infer<typeof SearchResult>['candidates'][number];
type Found = { candidate: Candidate; object: StoredObject; visible: boolean };

/** What is kept of a search for its certificate: the query (a photo by its hash only) and the answer, hidden kept hidden. */
function searchRecordOf(
  request: SearchRequest,
  photo: Uint8Array | undefined,
  answer: Pick<SearchRecord['result'], 'redLists' | 'alertThreshold'> & { candidates: ResultCandidate[] },
  meta: Pick<SearchRecord, 'id' | 'at' | 'by' | 'registrySize'>,
): SearchRecord {
  return {
    ...meta,
    query: {
      ...(request.text ? { text: request.text } : {}),
      ...(request.lang ? { lang: request.lang } : {}),
      ...(request.structured ? { structured: request.structured } : {}),
      ...(photo ? { photoSha256: createHash('sha256').update(photo).digest('hex') } : {}),
    },
    result: {
      ...answer,
      // A restricted candidate stays restricted on record: no object id, no notice, no sighting reference.
      candidates: answer.candidates.map((candidate) =>
        'restricted' in candidate ? { restricted: true as const } : { objectId: candidate.objectId, score: candidate.score, confidence: candidate.confidence },
      ),
    },
  };
}

export async function searchRegistry(request: SearchRequest, caller: Caller, deps: SearchDeps) {
  const photo = await queryPhoto(request, caller, deps);
  const photos = photo ? [await fingerprintQueryPhoto(photo.bytes, photo.field, deps)] : [];
  const text = textOf(request);
  const index = await deps.index();
  const candidates = await index.search({ ...(text ? { text } : {}), photos }, request.limit + hiddenReserve);
  const objects = await Promise.all(candidates.map((candidate) => deps.objects.get(candidate.objectId)));
  // An object deleted since the index last refreshed is simply not a candidate any more.
  const found: Found[] = candidates.flatMap((candidate, i) => {
    const object = objects[i]?.object;
    return object ? [{ candidate, object, visible: maySee(caller, object) }] : [];
  });
  // A weak likeness to a hidden record is no lead, and must not hint at what hidden records look like.
  const hidden: HiddenMatch[] = found.filter(({ visible, candidate }) => !visible && candidate.score >= alertThreshold);
  const reference = hidden.length > 0 ? await recordHiddenMatches(request, caller, hidden, deps) : undefined;

  const results: ResultCandidate[] = [];
  for (const { candidate, object, visible } of found) {
    if (visible) {
      results.push({
        objectId: candidate.objectId,
        score: rounded(candidate.score),
        confidence: confidenceOf(candidate.score),
        reasons: candidate.reasons.map((reason) => ({ ...reason, contribution: rounded(reason.contribution) })),
        object: toSummary(object, caller),
      });
    } else if (object.id === hidden[0]?.object.id) {
      // One notice however many hidden records match: it must not say how many there are.
      results.push({ restricted: true, notice: contactPolice, ...(reference ? { reference } : {}) });
    }
    if (results.length === request.limit) break;
  }
  const answer = { candidates: results, redLists: text ? redListHits(text) : [], alertThreshold };
  const record = searchRecordOf(request, photo?.bytes, answer, { id: deps.ids.next(), at: deps.clock.now().toISOString(), by: caller, registrySize: index.size });
  await deps.searches.put(record);
  return { ...answer, searchId: record.id };
}
