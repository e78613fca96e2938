// Finds the registered objects a photo shows: shortlist by the visual words of the object's parts (an inverted file)
// and by global descriptor over every image, then verify the shortlist geometrically.
import type { Candidate } from '../model.ts';
import { inlierEvidence, photoScore } from './calibration.ts';
import { type DescriptorStore, descriptorStore } from './descriptor-store.ts';
import type { PhotoFingerprint } from './fingerprint.ts';
import { globalDimensions, quantisationScale } from './global-descriptor.ts';
import { createInvertedFile, type InvertedFile } from './inverted-file.ts';
import { unpackFeatures } from './local-features.ts';
import { matchedRegion } from './matched-region.ts';
import { noteSmallPhoto } from './small-photo.ts';
import { verifyMatch } from './verify.ts';
import { keypointWords, type KeypointWords, sortedByWord } from './visual-words.ts';

export { photoAlertThreshold } from './calibration.ts';

/** Fetches one stored image's local features: at a million images they live in the table, not in memory. */
export type LocalFeatureLoader = (objectId: string, imageId: string) => Promise<Pick<PhotoFingerprint, 'local'> | undefined>;

/** The compact part of the index, kept in S3 (snapshot-file.ts) and loaded at cold start: ids, quantised global descriptors and visual words. */
export interface PhotoIndexSnapshot {
  version: 4;
  dimensions: number;
  objectIds: string[];
  imageIds: string[];
  /** `imageIds.length × dimensions` signed bytes. */
  vectors: Uint8Array;
  /** Each image's count of keypoints. */
  keypointCounts: Uint16Array;
  /** The keypoints' visual words, sorted within an image, image after image. */
  words: Uint16Array;
  /** The keypoints' signatures (visual-words.ts), in the order of `words`. */
  signatures: Uint16Array;
}

export interface PhotoIndexOptions {
  /** Keep each fingerprint's local features in memory; turn off at scale and pass a loader to `search`. */
  keepLocalFeatures?: boolean;
  /** How many images, by global descriptor, are verified with local features per search. */
  shortlistSize?: number;
  /** How many images, by matching keypoints in the inverted file, are verified besides. */
  wordShortlistSize?: number;
}

export interface PhotoIndex {
  readonly size: number;
  upsert(objectId: string, imageId: string, fingerprint: PhotoFingerprint): void;
  /** Without an image id, removes every image of the object. */
  remove(objectId: string, imageId?: string): void;
  /** One candidate per object, from its best image, best first. */
  search(query: PhotoFingerprint, limit: number, loadLocal?: LocalFeatureLoader): Promise<Candidate[]>;
  toSnapshot(): PhotoIndexSnapshot;
}

const cosineScale = quantisationScale ** 2;
const keyOf = (objectId: string, imageId: string) => `${objectId}\u0000${imageId}`;

interface Shortlisted {
  slot: number;
  similarity: number;
}

interface Contents {
  objectIds: string[];
  imageIds: string[];
  descriptors: DescriptorStore;
  words: InvertedFile;
}

// A word held by this share of the registered images (a colour chart, a studio backdrop, a watermark) is no
// evidence for any one of them: keypoints on it do not count in verification. Not before there are enough images
// to tell what repeats.
const sharedContent = { share: 0.25, images: 20 };

/** The words and signatures of a photo's keypoints (and of its mirror image's, for a query), in keypoint order. */
function wordsOf(fingerprint: Pick<PhotoFingerprint, 'local' | 'mirrored'>): { local: KeypointWords; mirrored?: KeypointWords } {
  const local = keypointWords(unpackFeatures(fingerprint.local).words);
  return fingerprint.mirrored ? { local, mirrored: keypointWords(unpackFeatures(fingerprint.mirrored).words) } : { local };
}

function buildIndex(options: PhotoIndexOptions, contents: Contents): PhotoIndex {
  const keepLocal = options.keepLocalFeatures ?? true;
  const shortlistSize = options.shortlistSize ?? 20;
  const wordShortlistSize = options.wordShortlistSize ?? 60;
  const { objectIds, imageIds, descriptors, words } = contents;
  // One small array of slots per object, and no string built per image: at a million images a composite-key map
  // and a Set per object would double the memory and the snapshot load time.
  const slotsOfObject = new Map<string, number[]>();
  objectIds.forEach((objectId, slot) => {
    const slots = slotsOfObject.get(objectId);
    if (slots) slots.push(slot);
    else slotsOfObject.set(objectId, [slot]);
  });
  const localFeatures = new Map<string, Pick<PhotoFingerprint, 'local'>>();
  const slotOf = (objectId: string, imageId: string) =>
    slotsOfObject.get(objectId)?.find((slot) => imageIds[slot] === imageId);

  function place(objectId: string, imageId: string, vector: ArrayLike<number>, keypoints: KeypointWords): void {
    let slot = slotOf(objectId, imageId);
    if (slot === undefined) {
      slot = objectIds.length;
      objectIds.push(objectId);
      imageIds.push(imageId);
      const slots = slotsOfObject.get(objectId);
      if (slots) slots.push(slot);
      else slotsOfObject.set(objectId, [slot]);
    }
    descriptors.set(slot, vector);
    words.set(slot, keypoints);
  }

  // The last slot moves into the hole, so the descriptors stay one dense array with nothing to skip while scanning.
  function removeImage(objectId: string, imageId: string): void {
    const slot = slotOf(objectId, imageId);
    if (slot === undefined) return;
    const remaining = (slotsOfObject.get(objectId) ?? []).filter((kept) => kept !== slot);
    if (remaining.length > 0) slotsOfObject.set(objectId, remaining);
    else slotsOfObject.delete(objectId);
    localFeatures.delete(keyOf(objectId, imageId));
    words.clear(slot);
    const last = objectIds.length - 1;
    if (slot !== last) {
      descriptors.move(last, slot);
      words.move(last, slot);
      const movedObject = objectIds[last] as string;
      objectIds[slot] = movedObject;
      imageIds[slot] = imageIds[last] as string;
      const movedSlots = slotsOfObject.get(movedObject) as number[];
      movedSlots[movedSlots.indexOf(last)] = slot;
    }
    objectIds.pop();
    imageIds.pop();
  }

  /**
   * The images whose keypoints the query's match best in the inverted file, and those most alike by the best
   * similarity over the query's global descriptors (the kernel scans every slot): the union is verified.
   */
  function shortlist(queries: Int8Array[], views: KeypointWords[]): Shortlisted[] {
    const best: Shortlisted[] = [];
    let floor = -Infinity;
    const similarities = descriptors.bestDots(queries, objectIds.length);
    const byWords = words.rank(views, objectIds.length, wordShortlistSize).map(({ slot }) => ({ slot, similarity: similarities[slot] as number }));
    for (let slot = 0; slot < similarities.length; slot++) {
      const top = similarities[slot] as number;
      if (top <= floor) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as Shortlisted).similarity < top) at--;
      best.splice(at, 0, { slot, similarity: top });
      if (best.length > shortlistSize) best.pop();
      if (best.length === shortlistSize) floor = (best[shortlistSize - 1] as Shortlisted).similarity;
    }
    const union = new Map([...byWords, ...best].map((entry) => [entry.slot, entry]));
    return [...union.values()].map(({ slot, similarity }) => ({ slot, similarity: similarity / cosineScale }));
  }

  /** Per query keypoint, whether it may count as evidence: not when its word repeats across the registered images. */
  function evidenceMask(view: KeypointWords): Uint8Array {
    const enough = objectIds.length >= sharedContent.images;
    return Uint8Array.from(view.words, (word) => (enough && words.share(word) > sharedContent.share ? 0 : 1));
  }

  async function score(
    query: PhotoFingerprint,
    masks: { local: Uint8Array; mirrored?: Uint8Array },
    entry: Shortlisted,
    loadLocal?: LocalFeatureLoader,
  ): Promise<Candidate> {
    const objectId = objectIds[entry.slot] as string;
    const imageId = imageIds[entry.slot] as string;
    const stored = localFeatures.get(keyOf(objectId, imageId)) ?? (await loadLocal?.(objectId, imageId));
    if (!stored) {
      const unverified = photoScore(entry.similarity, undefined);
      return {
        objectId,
        score: unverified,
        reasons: [noteSmallPhoto({ field: 'photo', detail: 'photo: similar overall appearance, keypoints not verified', contribution: unverified }, query)],
      };
    }
    const { inliers, queryPoints, reason } = verifyMatch(query, stored, masks);
    const combined = photoScore(entry.similarity, inliers);
    // Keypoints no more than chance explains outline nothing.
    const region = inlierEvidence(inliers) > 0 ? matchedRegion(queryPoints.points.map(([x, y]) => ({ x, y })), queryPoints) : undefined;
    return { objectId, score: combined, reasons: [noteSmallPhoto({ ...reason, contribution: combined, ...(region ? { region } : {}) }, query)] };
  }

  return {
    get size() {
      return objectIds.length;
    },
    upsert(objectId, imageId, fingerprint) {
      place(objectId, imageId, fingerprint.global, sortedByWord(wordsOf(fingerprint).local));
      if (keepLocal) localFeatures.set(keyOf(objectId, imageId), { local: fingerprint.local });
    },
    remove(objectId, imageId) {
      const images = imageId === undefined ? (slotsOfObject.get(objectId) ?? []).map((slot) => imageIds[slot] as string) : [imageId];
      for (const image of images) removeImage(objectId, image);
    },
    async search(query, limit, loadLocal) {
      const descriptors = [query.global, ...(query.alternates ?? [])].map((descriptor) => Int8Array.from(descriptor));
      const queryWords = wordsOf(query);
      const masks = { local: evidenceMask(queryWords.local), ...(queryWords.mirrored ? { mirrored: evidenceMask(queryWords.mirrored) } : {}) };
      const views = queryWords.mirrored ? [queryWords.local, queryWords.mirrored] : [queryWords.local];
      const scored = await Promise.all(shortlist(descriptors, views).map((entry) => score(query, masks, entry, loadLocal)));
      const bestPerObject = new Map<string, Candidate>();
      for (const candidate of scored) {
        const kept = bestPerObject.get(candidate.objectId);
        if (!kept || candidate.score > kept.score) bestPerObject.set(candidate.objectId, candidate);
      }
      return [...bestPerObject.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    },
    toSnapshot() {
      const perImage = objectIds.map((_, slot) => words.keypointsOf(slot) ?? { words: new Uint16Array(0), signatures: new Uint16Array(0) });
      const counts = Uint16Array.from(perImage, (keypoints) => keypoints.words.length);
      const total = counts.reduce((sum, count) => sum + count, 0);
      const [allWords, allSignatures] = [new Uint16Array(total), new Uint16Array(total)];
      let at = 0;
      for (const keypoints of perImage) {
        allWords.set(keypoints.words, at);
        allSignatures.set(keypoints.signatures, at);
        at += keypoints.words.length;
      }
      return {
        version: 4,
        dimensions: globalDimensions,
        objectIds: [...objectIds],
        imageIds: [...imageIds],
        vectors: descriptors.bytes(objectIds.length),
        keypointCounts: counts,
        words: allWords,
        signatures: allSignatures,
      };
    },
  };
}

export function createPhotoIndex(options: PhotoIndexOptions = {}): PhotoIndex {
  return buildIndex(options, { objectIds: [], imageIds: [], descriptors: descriptorStore(1024), words: createInvertedFile() });
}

/** The global part only: local features of these images come from the loader given to `search`. */
export function photoIndexFromSnapshot(snapshot: PhotoIndexSnapshot, options: PhotoIndexOptions = {}): PhotoIndex {
  if (snapshot.version !== 4) throw new Error(`photo index snapshot version ${String(snapshot.version)}, this code reads version 4`);
  if (snapshot.dimensions !== globalDimensions) {
    throw new Error(`photo index snapshot has ${snapshot.dimensions}-number descriptors, this code reads ${globalDimensions}`);
  }
  // With room to grow: images registered after the snapshot are upserted into it.
  const descriptors = descriptorStore(snapshot.objectIds.length + Math.max(1024, snapshot.objectIds.length >> 3), snapshot.vectors);
  const words = createInvertedFile({ counts: snapshot.keypointCounts, words: snapshot.words, signatures: snapshot.signatures });
  return buildIndex(options, { objectIds: [...snapshot.objectIds], imageIds: [...snapshot.imageIds], descriptors, words });
}
