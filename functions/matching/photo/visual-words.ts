// Quantises ORB descriptors into visual words with a two-level vocabulary trained once (scripts/train-photo-vocabulary.ts).
import { readFileSync } from 'node:fs';
import { descriptorBytes } from './local-features.ts';

export const coarseWords = 64;
export const fineWords = 128;
export const vocabularySize = coarseWords * fineWords;
const wordsPerDescriptor = descriptorBytes / 4;

/** The vocabulary's file: coarse centres, then each coarse word's fine centres, 32 bytes each. Bundles carry it beside the code. */
export const vocabularyFile = 'photo-vocabulary.bin';

let centres: Uint32Array | undefined;

function vocabulary(): Uint32Array {
  if (!centres) {
    const bytes = readFileSync(new URL(`./${vocabularyFile}`, import.meta.url));
    const expected = (coarseWords + vocabularySize) * descriptorBytes;
    if (bytes.length !== expected) throw new Error(`${vocabularyFile} has ${bytes.length} bytes, not ${expected}`);
    centres = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  return centres;
}

export function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Hamming distance between descriptor `a` of `as` and centre `b` of `bs`, each 8 words. */
export function distance(as: Uint32Array, a: number, bs: Uint32Array, b: number): number {
  let sum = 0;
  for (let k = 0; k < wordsPerDescriptor; k++) sum += popcount(((as[a * wordsPerDescriptor + k] as number) ^ (bs[b * wordsPerDescriptor + k] as number)) >>> 0);
  return sum;
}

/** The nearest of `count` centres starting at centre `first`. */
export function nearest(descriptors: Uint32Array, index: number, centresOf: Uint32Array, first: number, count: number): number {
  let best = first;
  let bestDistance = Infinity;
  for (let c = first; c < first + count; c++) {
    const d = distance(descriptors, index, centresOf, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best - first;
}

/** One visual word per descriptor (descriptors as 8 words each, as unpackFeatures gives them). */
export function visualWords(descriptors: Uint32Array): Uint16Array {
  const all = vocabulary();
  const count = descriptors.length / wordsPerDescriptor;
  const words = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const coarse = nearest(descriptors, i, all, 0, coarseWords);
    words[i] = coarse * fineWords + nearest(descriptors, i, all, coarseWords + coarse * fineWords, fineWords);
  }
  return words;
}

/**
 * Each keypoint's visual word and signature, in the order given. Two descriptors in one word are told apart by their
 * signatures, the first 16 of their 256 bits (a Hamming embedding): with 8,192 words, a word alone is shared by too
 * many unrelated keypoints of a cluttered field photo to say anything.
 */
export interface KeypointWords {
  words: Uint16Array;
  signatures: Uint16Array;
}

export function keypointWords(descriptors: Uint32Array): KeypointWords {
  const count = descriptors.length / wordsPerDescriptor;
  return { words: visualWords(descriptors), signatures: Uint16Array.from({ length: count }, (_, i) => (descriptors[i * wordsPerDescriptor] as number) & 0xffff) };
}

/** Sorted by word, as an image's keypoints are stored: the words then compress as small steps. */
export function sortedByWord({ words, signatures }: KeypointWords): KeypointWords {
  const order = Array.from(words.keys()).sort((a, b) => (words[a] as number) - (words[b] as number) || (signatures[a] as number) - (signatures[b] as number));
  return { words: Uint16Array.from(order, (i) => words[i] as number), signatures: Uint16Array.from(order, (i) => signatures[i] as number) };
}
