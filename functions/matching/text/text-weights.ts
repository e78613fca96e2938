// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25847 pairs of development set and own reports, tuning part, alone and among 97402 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.404,
  weights: {
    markSame: 3.982,
    markContains: 2.303,
    markContradicts: -6.196,
    numberInMark: 2.609,
    inscription: 2.921,
    inscriptionInText: 4.323,
    inscriptionContradicts: -5.561,
    sizes: 5.659,
    sizesDiffer: -5.768,
    sizesContradict: -5.33,
    typeSame: 1.611,
    typeFromProse: 0,
    typeRelated: 2.213,
    typeContradicts: -0.761,
    materials: 2.568,
    subjects: 2.669,
    wordShare: 2.613,
    wordCount: 0,
    rareWord: 1.182,
    country: 1.439,
    period: 0.718,
    periodContradicts: -1.973,
  },
};
