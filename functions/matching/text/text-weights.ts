// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 22834 pairs of development set and own reports, tuning part); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -6.676,
  weights: {
    markSame: 3.732,
    markContains: 2.97,
    markContradicts: -5.488,
    numberInMark: 4.655,
    inscription: 2.214,
    inscriptionInText: 2.965,
    inscriptionContradicts: -3.346,
    sizes: 5.872,
    sizesContradict: -4.325,
    typeSame: 0.991,
    typeFromProse: 1.275,
    typeRelated: 0,
    typeContradicts: -0.977,
    materials: 1.814,
    subjects: 0.664,
    wordShare: 2.818,
    wordCount: 0.139,
    rareWord: 0.888,
    country: 0.783,
    period: 0.273,
    periodContradicts: -1.566,
  },
};
