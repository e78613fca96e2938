// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25847 pairs of development set and own reports, tuning part, alone and among 97402 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.498,
  weights: {
    markSame: 3.949,
    markContains: 2.655,
    markContradicts: -6.273,
    numberInMark: 2.579,
    inscription: 2.822,
    inscriptionInText: 4.257,
    inscriptionContradicts: -5.753,
    sizes: 5.86,
    sizesDiffer: -5.761,
    sizesContradict: -5.297,
    typeSame: 1.718,
    typeFromProse: 0,
    typeRelated: 2.276,
    typeContradicts: -0.818,
    materials: 2.487,
    subjects: 2.634,
    wordShare: 2.634,
    wordCount: 0,
    rareWord: 1.373,
    country: 1.445,
    period: 0.665,
    periodContradicts: -1.95,
  },
};
