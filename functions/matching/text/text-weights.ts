// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25847 pairs of development set and own reports, tuning part, alone and among 97402 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.493,
  weights: {
    markSame: 3.954,
    markContains: 2.667,
    markContradicts: -6.265,
    numberInMark: 3.571,
    inscription: 2.798,
    inscriptionInText: 4.239,
    inscriptionContradicts: -5.758,
    sizes: 5.869,
    sizesDiffer: -5.728,
    sizesContradict: -5.191,
    typeSame: 1.833,
    typeFromProse: 0,
    typeRelated: 2.322,
    typeContradicts: -0.682,
    materials: 2.35,
    subjects: 2.501,
    wordShare: 2.633,
    wordCount: 0,
    rareWord: 1.273,
    country: 1.458,
    period: 0.649,
    periodContradicts: -2.044,
  },
};
