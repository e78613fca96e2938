// Which registered images hold which visual words, and how much the keypoints a query photo shares with each one weigh.
import { type KeypointWords, popcount, vocabularySize } from './visual-words.ts';

/** A growable list of keypoints of the images holding one word: their image slots and signatures, without a JS array's 8 bytes per element. */
interface Postings {
  slots: Int32Array;
  signatures: Uint16Array;
  length: number;
}

export interface InvertedFile {
  /** Registers the image at `slot` with its keypoints' words and signatures, sorted by word (replacing any it had). */
  set(slot: number, keypoints: KeypointWords): void;
  /** The image at `from` now lives at `to` (the slot `to` was cleared first). */
  move(from: number, to: number): void;
  clear(slot: number): void;
  keypointsOf(slot: number): KeypointWords | undefined;
  /** Images holding the word, as a share of all images: what repeats everywhere says nothing about one photo. */
  share(word: number): number;
  /**
   * The `limit` images whose keypoints the query's keypoints match best, best first. Each view (the photo and its
   * mirror image) is scored apart and an image keeps its better score. `budget`: how many registered keypoints
   * may be compared in all.
   */
  rank(views: KeypointWords[], slots: number, limit: number, budget?: number): { slot: number; score: number }[];
}

// Out of 16 bits: two ORB descriptors of one physical point differ in about a tenth of their bits, unrelated ones in
// half. On the development photos, 16 bits within 2 shortlist the right photo as often as 32 bits within 4 (0.855),
// at half the memory and snapshot.
const maxSignatureDistance = 2;
/** Keypoints of registered images one query may compare, over all the lists it reads: its CPU budget at scale. */
const maxPostingVisits = 12_000_000;

/** Images in slots 0 to n - 1, as a snapshot keeps them: each image's count of keypoints, then their words and signatures, image after image. */
export interface InitialImages {
  counts: Uint16Array;
  words: Uint16Array;
  signatures: Uint16Array;
}

export function createInvertedFile(initial?: InitialImages): InvertedFile {
  const postings: Postings[] = Array.from({ length: vocabularySize }, () => ({ slots: new Int32Array(0), signatures: new Uint16Array(0), length: 0 }));
  /** Per word, how many images hold it: its idf, and what repeats across the registry. */
  const holders = new Int32Array(vocabularySize);
  const keypointsOfSlot: (KeypointWords | undefined)[] = [];
  let images = 0;
  if (initial) images = fill(postings, holders, keypointsOfSlot, initial);

  function add(word: number, slot: number, signature: number) {
    const list = postings[word] as Postings;
    if (list.length === list.slots.length) {
      const room = Math.max(8, list.slots.length * 2);
      const slots = new Int32Array(room);
      const signatures = new Uint16Array(room);
      slots.set(list.slots);
      signatures.set(list.signatures);
      list.slots = slots;
      list.signatures = signatures;
    }
    list.slots[list.length] = slot;
    list.signatures[list.length++] = signature;
  }

  /** Replaces one of the slot's keypoints in the word's list by another slot's, or removes it. */
  function replace(word: number, slot: number, by: number | undefined) {
    const list = postings[word] as Postings;
    const at = list.slots.subarray(0, list.length).lastIndexOf(slot);
    if (at < 0) return;
    if (by === undefined) {
      list.length--;
      list.slots[at] = list.slots[list.length] as number;
      list.signatures[at] = list.signatures[list.length] as number;
    } else list.slots[at] = by;
  }

  /** Calls `visit` once for each distinct word of sorted words. */
  function eachDistinct(words: Uint16Array, visit: (word: number) => void) {
    words.forEach((word, i) => {
      if (i === 0 || word !== words[i - 1]) visit(word);
    });
  }

  const idf = (word: number) => Math.log(1 + images / Math.max(1, holders[word] as number));

  const file: InvertedFile = {
    set(slot, keypoints) {
      file.clear(slot);
      keypoints.words.forEach((word, i) => add(word, slot, keypoints.signatures[i] as number));
      eachDistinct(keypoints.words, (word) => (holders[word] = (holders[word] as number) + 1));
      keypointsOfSlot[slot] = keypoints;
      images++;
    },
    move(from, to) {
      const keypoints = keypointsOfSlot[from];
      if (!keypoints) return;
      for (const word of keypoints.words) replace(word, from, to);
      keypointsOfSlot[to] = keypoints;
      keypointsOfSlot[from] = undefined;
    },
    clear(slot) {
      const keypoints = keypointsOfSlot[slot];
      if (!keypoints) return;
      for (const word of keypoints.words) replace(word, slot, undefined);
      eachDistinct(keypoints.words, (word) => (holders[word] = (holders[word] as number) - 1));
      keypointsOfSlot[slot] = undefined;
      images--;
    },
    keypointsOf: (slot) => keypointsOfSlot[slot],
    share: (word) => (images === 0 ? 0 : (holders[word] as number) / images),
    rank(views, slots, limit, budget = maxPostingVisits) {
      if (limit <= 0) return [];
      // A query keypoint votes once for an image, with its word's idf squared, when one of the image's keypoints
      // in the same word has a signature close to its own; an image's votes are divided by the square root of its
      // keypoint count, so busy photos do not win by size alone. The rarest words are read first, and the common ones
      // only while the budget lasts: at a million images their lists are long and their votes weigh little.
      const votes = views.map(() => new Float32Array(slots));
      const votedBy = views.map(() => new Int32Array(slots).fill(-1));
      const keypoints = views.flatMap((view, v) => Array.from(view.words, (word, keypoint) => ({ v, keypoint, word })));
      keypoints.sort((a, b) => (postings[a.word] as Postings).length - (postings[b.word] as Postings).length);
      let visits = 0;
      for (const { v, keypoint, word } of keypoints) {
        const list = postings[word] as Postings;
        visits += list.length;
        if (visits > budget) break;
        const [viewVotes, viewVoters] = [votes[v] as Float32Array, votedBy[v] as Int32Array];
        const weight = idf(word) ** 2;
        const signature = (views[v] as KeypointWords).signatures[keypoint] as number;
        for (let i = 0; i < list.length; i++) {
          if (popcount((signature ^ (list.signatures[i] as number)) >>> 0) > maxSignatureDistance) continue;
          const slot = list.slots[i] as number;
          if (viewVoters[slot] === keypoint) continue;
          viewVoters[slot] = keypoint;
          viewVotes[slot] = (viewVotes[slot] as number) + weight;
        }
      }
      const scores = votes.reduce((best, view) => best.map((score, slot) => Math.max(score, view[slot] as number)), new Float32Array(slots));
      const best: { slot: number; score: number }[] = [];
      let floor = 0;
      for (let slot = 0; slot < slots; slot++) {
        const raw = scores[slot] as number;
        if (raw <= 0) continue;
        const score = raw / Math.sqrt(keypointsOfSlot[slot]?.words.length ?? 1);
        if (best.length === limit && score <= floor) continue;
        let at = best.length;
        while (at > 0 && (best[at - 1] as { score: number }).score < score) at--;
        best.splice(at, 0, { slot, score });
        if (best.length > limit) best.pop();
        if (best.length === limit) floor = (best[limit - 1] as { score: number }).score;
      }
      return best;
    },
  };
  return file;
}

// A snapshot's postings are counted first and laid out in one array, each word's list a view of its part, filled in
// one pass with plain loops: pushed one by one, a million images took tens of seconds of growing arrays and held up to
// twice the memory. A list that grows later moves out to an array of its own.
function fill(postings: Postings[], holders: Int32Array, keypointsOfSlot: (KeypointWords | undefined)[], { counts, words, signatures }: InitialImages): number {
  const starts = new Int32Array(postings.length + 1);
  for (let at = 0; at < words.length; at++) starts[(words[at] as number) + 1] = (starts[(words[at] as number) + 1] as number) + 1;
  for (let word = 0; word < postings.length; word++) starts[word + 1] = (starts[word + 1] as number) + (starts[word] as number);
  const cursor = starts.slice(0, postings.length);
  const allSlots = new Int32Array(words.length);
  const allSignatures = new Uint16Array(words.length);
  for (let slot = 0, at = 0; slot < counts.length; slot++) {
    const start = at;
    const end = at + (counts[slot] as number);
    keypointsOfSlot[slot] = { words: words.subarray(start, end), signatures: signatures.subarray(start, end) };
    for (; at < end; at++) {
      const word = words[at] as number;
      if (at === start || word !== words[at - 1]) holders[word] = (holders[word] as number) + 1;
      allSlots[cursor[word] as number] = slot;
      allSignatures[cursor[word] as number] = signatures[at] as number;
      cursor[word] = (cursor[word] as number) + 1;
    }
  }
  postings.forEach((list, word) => {
    list.slots = allSlots.subarray(starts[word], starts[word + 1]);
    list.signatures = allSignatures.subarray(starts[word], starts[word + 1]);
    list.length = list.slots.length;
  });
  return counts.length;
}
