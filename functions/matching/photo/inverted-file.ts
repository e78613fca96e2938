// Which registered images hold which visual words, and how much the words a query photo shares with each one weigh.
import { vocabularySize } from './visual-words.ts';

/** A growable list of image slots, without a JS array's 8 bytes per element. */
interface Postings {
  slots: Int32Array;
  length: number;
}

export interface InvertedFile {
  /** Registers the image at `slot` with its distinct words (replacing any it had). */
  set(slot: number, words: Uint16Array): void;
  /** The image at `from` now lives at `to` (the slot `to` was cleared first). */
  move(from: number, to: number): void;
  clear(slot: number): void;
  wordsOf(slot: number): Uint16Array | undefined;
  /** Images holding the word, as a share of all images: what repeats everywhere says nothing about one photo. */
  share(word: number): number;
  /** The `limit` images sharing the most idf-weighted words with the query, best first. */
  rank(queryWords: Uint16Array, slots: number, limit: number): { slot: number; score: number }[];
}

export function distinctWords(words: Uint16Array): Uint16Array {
  return Uint16Array.from(new Set(words)).sort();
}

/** Images in slots 0 to n - 1, as a snapshot keeps them: each image's count of distinct words, and the words, image after image. */
export interface InitialImages {
  counts: Uint16Array;
  words: Uint16Array;
}

export function createInvertedFile(initial?: InitialImages): InvertedFile {
  const postings: Postings[] = Array.from({ length: vocabularySize }, () => ({ slots: new Int32Array(0), length: 0 }));
  const wordsOfSlot: (Uint16Array | undefined)[] = [];
  let images = 0;
  if (initial) images = fill(postings, wordsOfSlot, initial);

  function add(word: number, slot: number) {
    const list = postings[word] as Postings;
    if (list.length === list.slots.length) {
      const grown = new Int32Array(Math.max(8, list.slots.length * 2));
      grown.set(list.slots);
      list.slots = grown;
    }
    list.slots[list.length++] = slot;
  }

  function replace(word: number, slot: number, by: number | undefined) {
    const list = postings[word] as Postings;
    const at = list.slots.subarray(0, list.length).lastIndexOf(slot);
    if (at < 0) return;
    if (by === undefined) {
      list.slots[at] = list.slots[list.length - 1] as number;
      list.length--;
    } else list.slots[at] = by;
  }

  const idf = (word: number) => Math.log(1 + images / Math.max(1, (postings[word] as Postings).length));

  const file: InvertedFile = {
    set(slot, words) {
      file.clear(slot);
      for (const word of words) add(word, slot);
      wordsOfSlot[slot] = words;
      images++;
    },
    move(from, to) {
      const words = wordsOfSlot[from];
      if (!words) return;
      for (const word of words) replace(word, from, to);
      wordsOfSlot[to] = words;
      wordsOfSlot[from] = undefined;
    },
    clear(slot) {
      const words = wordsOfSlot[slot];
      if (!words) return;
      for (const word of words) replace(word, slot, undefined);
      wordsOfSlot[slot] = undefined;
      images--;
    },
    wordsOf: (slot) => wordsOfSlot[slot],
    share: (word) => (images === 0 ? 0 : (postings[word] as Postings).length / images),
    rank(queryWords, slots, limit) {
      if (limit <= 0) return [];
      // tf-idf with binary counts on both sides (a word repeated within one photo counts once: burstiness),
      // normalised by the square root of the image's word count, so busy photos do not win by size alone.
      const scores = new Float32Array(slots);
      for (const word of queryWords) {
        const list = postings[word] as Postings;
        const weight = idf(word) ** 2;
        if (weight <= 0) continue;
        for (let i = 0; i < list.length; i++) {
          const slot = list.slots[i] as number;
          scores[slot] = (scores[slot] as number) + weight;
        }
      }
      const best: { slot: number; score: number }[] = [];
      let floor = 0;
      for (let slot = 0; slot < slots; slot++) {
        const raw = scores[slot] as number;
        if (raw <= 0) continue;
        const score = raw / Math.sqrt(wordsOfSlot[slot]?.length ?? 1);
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
function fill(postings: Postings[], wordsOfSlot: (Uint16Array | undefined)[], { counts, words }: InitialImages): number {
  const starts = new Int32Array(postings.length + 1);
  for (let at = 0; at < words.length; at++) starts[(words[at] as number) + 1] = (starts[(words[at] as number) + 1] as number) + 1;
  for (let word = 0; word < postings.length; word++) starts[word + 1] = (starts[word + 1] as number) + (starts[word] as number);
  const cursor = starts.slice(0, postings.length);
  const all = new Int32Array(words.length);
  for (let slot = 0, at = 0; slot < counts.length; slot++) {
    const end = at + (counts[slot] as number);
    wordsOfSlot[slot] = words.subarray(at, end);
    for (; at < end; at++) {
      const word = words[at] as number;
      all[cursor[word] as number] = slot;
      cursor[word] = (cursor[word] as number) + 1;
    }
  }
  postings.forEach((list, word) => {
    list.slots = all.subarray(starts[word], starts[word + 1]);
    list.length = list.slots.length;
  });
  return counts.length;
}
