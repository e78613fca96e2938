// Puts text and photo evidence on one scale: each matcher's own alert threshold maps to the registry's, and two
// independent pieces of evidence reinforce each other.
import type * as z from 'zod';
import type { Confidence } from '../../schemas/matching.ts';
import type { Candidate, Reason } from './model.ts';

/** A sighting scoring at or above this raises an alert; search results carry it so users can read scores. */
export const alertThreshold = 0.6;
const highConfidence = 0.85;

/** Piecewise-linear: 0 -> 0, the matcher's threshold -> alertThreshold, 1 -> 1. */
export function calibrate(score: number, matcherThreshold: number): number {
  if (score <= matcherThreshold) return (score / matcherThreshold) * alertThreshold;
  return alertThreshold + ((score - matcherThreshold) / (1 - matcherThreshold)) * (1 - alertThreshold);
}

/** Scores are shown to three decimals: more would claim a precision the calibration does not have. */
export const rounded = (score: number) => Math.round(score * 1000) / 1000;

const oneStepLower = { high: 'medium', medium: 'low', low: 'low' } as const;

/** One step lower when the strongest evidence is limited (a small photo): the score alone would overstate it. */
export function confidenceOf(score: number, reasons: readonly Reason[] = []): z.infer<typeof Confidence> {
  const confidence = score >= highConfidence ? 'high' : score >= alertThreshold ? 'medium' : 'low';
  const strongest = reasons.reduce<Reason | undefined>((best, reason) => (!best || reason.contribution > best.contribution ? reason : best), undefined);
  return strongest?.limited ? oneStepLower[confidence] : confidence;
}

/** Merges per-matcher candidates (already calibrated) by object: independent evidence combines as a noisy-or. */
export function combine(lists: Candidate[][], limit: number): Candidate[] {
  const merged = new Map<string, Candidate>();
  for (const list of lists) {
    for (const candidate of list) {
      const seen = merged.get(candidate.objectId);
      merged.set(
        candidate.objectId,
        seen
          ? { objectId: seen.objectId, score: 1 - (1 - seen.score) * (1 - candidate.score), reasons: [...seen.reasons, ...candidate.reasons] }
          : candidate,
      );
    }
  }
  return [...merged.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}

/** Keeps each object's best candidate from several searches of the same kind (e.g. several photos of one report). */
export function bestPerObject(lists: Candidate[][]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const candidate of lists.flat()) {
    const seen = best.get(candidate.objectId);
    if (!seen || candidate.score > seen.score) best.set(candidate.objectId, candidate);
  }
  return [...best.values()];
}
