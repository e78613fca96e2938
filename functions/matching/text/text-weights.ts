// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25847 pairs of development set and own reports, tuning part, alone and among 97402 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.513,
  weights: {
    markSame: 4.182,
    markContains: 3.174,
    markContradicts: -5.848,
    numberInMark: 3.693,
    inscription: 3.666,
    inscriptionInText: 5.028,
    inscriptionContradicts: -5.793,
    sizes: 5.527,
    sizesDiffer: -7.425,
    sizesContradict: -5.729,
    typeSame: 1.912,
    typeFromProse: 0,
    typeRelated: 2.34,
    typeContradicts: -0.719,
    materials: 2.338,
    subjects: 2.441,
    wordShare: 2.743,
    wordCount: 0,
    rareWord: 1.424,
    country: 1.387,
    period: 0.737,
    periodContradicts: -2.278,
  },
};
