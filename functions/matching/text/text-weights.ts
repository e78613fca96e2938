// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25847 pairs of development set and own reports, tuning part, alone and among 97402 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.235,
  weights: {
    markSame: 4.024,
    markContains: 2.445,
    markContradicts: -6.039,
    numberInMark: 2.545,
    inscription: 2.787,
    inscriptionInText: 4.094,
    inscriptionContradicts: -5.637,
    sizes: 5.505,
    sizesDiffer: -5.104,
    sizesContradict: -4.996,
    typeSame: 1.655,
    typeFromProse: 0,
    typeRelated: 2.441,
    typeContradicts: -0.887,
    materials: 2.458,
    subjects: 2.56,
    wordShare: 2.58,
    wordCount: 0,
    rareWord: 1.058,
    country: 1.499,
    period: 0.683,
    periodContradicts: -1.986,
  },
};
