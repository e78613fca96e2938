// Fuzzy comparison of inscriptions by character trigrams, across scripts: both sides are transliterated, then reduced to a sound skeleton.
import { fold, hanNumerals } from './normalise.ts';

// Spellings that transliterations of one word disagree on: "Nikolaos", "Nicolaos", "Nikolaus", "Svyatoi"/"Sviatoj", "Georgios"/"Yeoryios".
const variants: [RegExp, string][] = [
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/kh/g, 'h'],
  [/ch/g, 'h'],
  [/ou/g, 'u'],
  // Greek diphthongs arrive letter by letter ("ου" as "oy", "αυ" as "ay"), where a Latin reader writes "ou", "au".
  [/oy/g, 'u'],
  [/ay/g, 'au'],
  [/ey/g, 'eu'],
  [/[yj]/g, 'i'],
  [/[cq]/g, 'k'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
];

/** Letters and digits only, spaces and punctuation gone (inscriptions often run words together), spelling variants merged. */
export function skeleton(text: string): string {
  let folded = fold(hanNumerals(text)).replace(/[^\p{L}\p{N}]/gu, '');
  for (const [pattern, replacement] of variants) folded = folded.replace(pattern, replacement);
  return folded;
}

/**
 * The skeleton without its vowels: transliterations disagree most on vowels ("ΝΕΙΚΗΝ" is "neikin" letter by letter and
 * "neiken" to a classicist), and Arabic writes none. Only readings across scripts are compared this way.
 */
export const consonants = (skeletonText: string): string => skeletonText.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');

/** The distinct character trigrams of a skeleton; a skeleton shorter than three characters is its own single gram. */
export function trigrams(skeletonText: string): string[] {
  if (skeletonText.length < 3) return skeletonText ? [skeletonText] : [];
  const grams = new Set<string>();
  for (let at = 0; at + 3 <= skeletonText.length; at += 1) grams.add(skeletonText.slice(at, at + 3));
  return [...grams];
}

/** How much of `part` is found in `whole`, 0..1: a partial reading ("...ΝΙΚΟΛΑ...") of an inscription scores high. */
export function containment(part: string[], whole: ReadonlySet<string>): number {
  if (part.length === 0) return 0;
  let found = 0;
  for (const gram of part) if (whole.has(gram)) found += 1;
  return found / part.length;
}

/** Where each trigram of a text starts: to find an inscription quoted somewhere in a long report. */
export function trigramPositions(skeletonText: string): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  for (let at = 0; at + 3 <= skeletonText.length; at += 1) {
    const gram = skeletonText.slice(at, at + 3);
    const known = positions.get(gram);
    if (known) known.push(at);
    else positions.set(gram, [at]);
  }
  return positions;
}

/**
 * The share of an inscription's trigrams found together in one stretch of the text no longer than the inscription (plus a
 * quarter): scattered chance trigrams of a long report do not add up to an inscription.
 */
export function containmentInText(grams: string[], length: number, positions: ReadonlyMap<string, number[]>): number {
  if (grams.length === 0) return 0;
  const hits = grams.flatMap((gram, index) => (positions.get(gram) ?? []).map((at) => ({ at, index }))).sort((a, b) => a.at - b.at);
  const span = Math.ceil(length * 1.25);
  const inWindow = new Map<number, number>();
  let best = 0;
  for (let start = 0, end = 0; end < hits.length; end += 1) {
    const entering = hits[end];
    if (!entering) break;
    inWindow.set(entering.index, (inWindow.get(entering.index) ?? 0) + 1);
    for (let leaving = hits[start]; leaving && entering.at - leaving.at > span; leaving = hits[start]) {
      const left = (inWindow.get(leaving.index) ?? 1) - 1;
      if (left === 0) inWindow.delete(leaving.index);
      else inWindow.set(leaving.index, left);
      start += 1;
    }
    best = Math.max(best, inWindow.size);
  }
  return best / grams.length;
}

/** A reported reading agrees with an inscription at or above this share of its trigrams. */
export const inscriptionAgreement = 0.6;
/** Below this share a reported reading contradicts every inscription on the object: most of what was read is not there. */
export const inscriptionContradiction = 0.45;
/** A reading needs this many trigrams before it can contradict: "IC" or "XC" alone says too little. */
export const minimumReading = 4;
