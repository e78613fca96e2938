// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25799 pairs of development set and own reports, tuning part, alone and among 97386 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.311,
  weights: {
    markSame: 4.289,
    markContains: 2.647,
    markContradicts: -6.475,
    numberInMark: 2.321,
    inscription: 2.437,
    inscriptionInText: 3.417,
    inscriptionContradicts: -3.689,
    sizes: 5.67,
    sizesContradict: -4.257,
    typeSame: 1.457,
    typeFromProse: 0.521,
    typeRelated: 0.219,
    typeContradicts: -0.038,
    materials: 1.933,
    subjects: 1.075,
    wordShare: 3.08,
    wordCount: 0.409,
    rareWord: 1.022,
    country: 0.872,
    period: 0.455,
    periodContradicts: -1.023,
  },
};
