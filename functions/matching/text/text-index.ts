// An in-memory inverted index of registered objects for text matching: postings pull candidates, only those are scored.
import type { Candidate, IndexedObject, TextIndex, TextQuery, TextSearchStats } from '../model.ts';
import { carriedKeys, markKey, type ObjectFeatures, objectFeatures, queryFeatures, type QueryFeatures, stemmedWords, wordsOf } from './features.ts';
import { skeleton, trigrams } from './inscriptions.ts';
import { type Mark, markOf } from './markings.ts';
import { fold, tokenise } from './normalise.ts';
import { scorerFor } from './score.ts';
import { decodeSnapshot, encodeSnapshot, type SnapshotContents } from './snapshot.ts';
import { lineage } from './vocabulary.ts';

export { textAlertThreshold } from './score.ts';

interface Postings {
  slots: Int32Array;
  length: number;
  /** Live objects under the key (length counts removed ones until the next compaction). */
  live: number;
}

// How much one shared key says before full scoring, per kind: a shared number or mark says most, one shared trigram least.
const keyWeight: Record<string, number> = { m: 3, n: 3, c: 1, w: 1, g: 0.3 };
// A number of two digits, the part of a mark a report could read ("NM 34" of "NM 3417"), is in hundreds of accession
// numbers: it says no more than a word.
const pullWeight = (key: string) => (key.startsWith('n:') && key.length < 5 ? 1 : (keyWeight[key.slice(0, 1)] ?? 1));
/** Candidates fully scored per search: enough that a true match with a weak first impression still gets its full hearing. */
const shortlist = 100;
/** Postings longer than this pull no new candidates once rarer keys have pulled a shortlist's worth. */
const defaultPullLimit = 1_000;

const markKeys = (mark: Mark) => [markKey(mark), ...mark.numbers.filter((number) => number.length >= 2).map((number) => `n:${number}`)];

function keysOfObject(features: ObjectFeatures): string[] {
  const concepts = [...features.types, ...features.materials, ...features.subjects];
  const keys = [
    // Indexed under its wider concepts too, so a search for "sculpture" finds statuettes.
    ...concepts.flatMap(lineage).map((concept) => `c:${concept}`),
    // Words of inscriptions pull candidates for a report that quotes one unannounced; the scorer weighs them as an inscription.
    ...[...stemmedWords(features), ...wordsOf(tokenise(fold(features.inscriptions.join(' '))))].map((word) => `w:${word}`),
    ...features.inscriptions.flatMap((text) => trigrams(skeleton(text))).map((gram) => `g:${gram}`),
    ...features.markings.map(markOf).flatMap(markKeys),
    // Whole inscriptions are keyed only to count their carriers; no report key looks them up.
    ...carriedKeys(features),
  ];
  return [...new Set(keys)];
}

function keysOfQuery(query: QueryFeatures): string[] {
  const keys = [
    ...[...query.types, ...query.materials, ...query.subjects].map((hit) => `c:${hit.concept}`),
    ...query.words.map((word) => `w:${word}`),
    ...query.inscriptions.flatMap((reading) => reading.grams).map((gram) => `g:${gram}`),
    ...query.marks.flatMap(markKeys),
    ...query.numbers.map((number) => `n:${number}`),
  ];
  return [...new Set(keys)];
}

/** Whether a posting list (in ascending slot order) holds the slot. */
function contains(list: Postings, slot: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = list.slots[middle] ?? 0;
    if (found === slot) return true;
    if (found < slot) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Keeps the `size` best slots by first-impression score (a min-heap on the score). */
function best(touched: Int32Array, count: number, prelim: Float64Array, size: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => (prelim[a] ?? 0) < (prelim[b] ?? 0);
  const down = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < heap.length && less(heap[left] ?? 0, heap[least] ?? 0)) least = left;
      if (right < heap.length && less(heap[right] ?? 0, heap[least] ?? 0)) least = right;
      if (least === at) return;
      [heap[at], heap[least]] = [heap[least] ?? 0, heap[at] ?? 0];
      at = least;
    }
  };
  for (let i = 0; i < count; i += 1) {
    const slot = touched[i] ?? 0;
    if (heap.length < size) {
      heap.push(slot);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!less(heap[at] ?? 0, heap[parent] ?? 0)) break;
        [heap[at], heap[parent]] = [heap[parent] ?? 0, heap[at] ?? 0];
        at = parent;
      }
    } else if (less(heap[0] ?? 0, slot)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap;
}

export interface TextIndexOptions {
  /** Called after every search with what it cost: for benchmarks and for tests that the index never scans. */
  onSearch?: (stats: TextSearchStats) => void;
  /** Trades latency against recall at scale (bench/text-scale.ts measures it); 1,000 unless said. */
  pullLimit?: number;
}

export function createTextIndex(options: TextIndexOptions = {}): TextIndex {
  return buildIndex(undefined, options);
}

/**
 * The index as it was when the snapshot was taken. The snapshot is only ever written by toSnapshot, so its objects are not
 * re-validated one by one: at a million objects that would double the cold start.
 */
export function textIndexFromSnapshot(snapshot: string | Uint8Array, options: TextIndexOptions = {}): TextIndex {
  return buildIndex(decodeSnapshot(snapshot), options);
}

function buildIndex(initial: SnapshotContents | undefined, options: TextIndexOptions): TextIndex {
  // By slot: the object's id (undefined once removed), and its features once read; a snapshot's are read when first scored.
  const ids: (string | undefined)[] = [];
  const read: (ObjectFeatures | undefined)[] = [];
  const featuresAt = (slot: number): ObjectFeatures | undefined => {
    if (ids[slot] === undefined) return undefined;
    let features = read[slot];
    if (!features && initial) read[slot] = features = initial.featuresAt(slot);
    return features;
  };
  const slotOf = new Map<string, number>();
  const postings = new Map<string, Postings>();
  let prelim = new Float64Array(1024);
  let touched = new Int32Array(1024);

  const post = (key: string, slot: number) => {
    let list = postings.get(key);
    if (!list) {
      list = { slots: new Int32Array(2), length: 0, live: 0 };
      postings.set(key, list);
    }
    if (list.length === list.slots.length) {
      const grown = new Int32Array(list.slots.length * 2);
      grown.set(list.slots);
      list.slots = grown;
    }
    list.slots[list.length] = slot;
    list.length += 1;
    list.live += 1;
  };

  const add = (features: ObjectFeatures) => {
    const slot = ids.length;
    ids.push(features.id);
    read[slot] = features;
    slotOf.set(features.id, slot);
    for (const key of keysOfObject(features)) post(key, slot);
  };

  // Removal leaves the slot in its postings (skipped at search); once most slots are dead the postings are rebuilt.
  const compact = () => {
    const live = liveSlots().map((slot) => featuresAt(slot) as ObjectFeatures);
    ids.length = 0;
    read.length = 0;
    slotOf.clear();
    postings.clear();
    for (const features of live) add(features);
  };

  const liveSlots = () => ids.flatMap((id, slot) => (id === undefined ? [] : [slot]));

  if (initial) {
    initial.ids.forEach((id, slot) => {
      ids.push(id);
      slotOf.set(id, slot);
    });
    read.length = ids.length;
    for (const [key, list] of initial.postings) postings.set(key, { slots: list, length: list.length, live: list.length });
  }

  const remove = (id: string) => {
    const slot = slotOf.get(id);
    if (slot === undefined) return;
    const features = featuresAt(slot);
    if (features) {
      for (const key of keysOfObject(features)) {
        const list = postings.get(key);
        if (list) list.live -= 1;
      }
    }
    ids[slot] = undefined;
    read[slot] = undefined;
    slotOf.delete(id);
    if (ids.length - slotOf.size > Math.max(1024, slotOf.size)) compact();
  };

  const idf = (key: string) => {
    const count = postings.get(key)?.live ?? 0;
    return count === 0 ? 0 : Math.log(1 + slotOf.size / count);
  };

  const search = (query: TextQuery, limit: number): Candidate[] => {
    const features = queryFeatures(query, (word) => (postings.get(`w:${word}`)?.live ?? 0) > 0);
    if (prelim.length < ids.length) {
      prelim = new Float64Array(ids.length * 2);
      touched = new Int32Array(ids.length * 2);
    }
    let count = 0;
    const lists = keysOfQuery(features)
      .map((key) => ({ key, list: postings.get(key) }))
      .filter((entry): entry is { key: string; list: Postings } => entry.list !== undefined && entry.list.live > 0)
      .sort((a, b) => a.list.length - b.list.length);
    for (const { key, list } of lists) {
      const gain = Math.log(1 + slotOf.size / list.live) * pullWeight(key);
      if (list.length > (options.pullLimit ?? defaultPullLimit) && count >= shortlist) {
        // A common key (a type, a material, a frequent word) only adds to the objects rarer keys already pulled: postings
        // are in slot order, so each is a binary search instead of a walk through a hundred thousand slots.
        for (let i = 0; i < count; i += 1) {
          const slot = touched[i] ?? 0;
          if (contains(list, slot)) prelim[slot] = (prelim[slot] ?? 0) + gain;
        }
        continue;
      }
      for (let i = 0; i < list.length; i += 1) {
        const slot = list.slots[i] ?? 0;
        if (ids[slot] === undefined) continue;
        if ((prelim[slot] ?? 0) === 0) touched[count++] = slot;
        prelim[slot] = (prelim[slot] ?? 0) + gain;
      }
    }
    const shortlisted = best(touched, count, prelim, Math.max(shortlist, limit));
    for (let i = 0; i < count; i += 1) prelim[touched[i] ?? 0] = 0;

    const score = scorerFor(features, { wordWeight: (word) => idf(`w:${word}`), rarest: Math.log(1 + slotOf.size), carriers: (key) => postings.get(key)?.live ?? 0 });
    const ranked: (Candidate & { logit: number })[] = [];
    let scored = 0;
    for (const slot of shortlisted) {
      const object = featuresAt(slot);
      if (!object) continue;
      scored += 1;
      // Every object the report pulled stays a candidate, however much evidence speaks against it: it is ranked, not dropped.
      ranked.push({ objectId: object.id, ...score(object) });
    }
    options.onSearch?.({ candidates: count, scored });
    ranked.sort((a, b) => b.logit - a.logit || a.objectId.localeCompare(b.objectId));
    return ranked.slice(0, limit).map(({ objectId, score: value, reasons }) => ({ objectId, score: value, reasons }));
  };

  return {
    upsert(object: IndexedObject) {
      remove(object.id);
      add(objectFeatures(object));
    },
    remove,
    search,
    get size() {
      return slotOf.size;
    },
    toSnapshot() {
      if (slotOf.size < ids.length) compact();
      const lists = new Map([...postings].map(([key, list]) => [key, list.slots.subarray(0, list.length)]));
      // Lines of a loaded snapshot that no search has read are copied as they are.
      const objects = ids.map((_, slot) => read[slot] ?? (initial as SnapshotContents).lineAt(slot));
      return encodeSnapshot({ ids: ids as string[], objects, postings: lists });
    },
  };
}
