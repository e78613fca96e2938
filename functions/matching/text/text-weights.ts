// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 28712 pairs of development set and own reports, tuning part, alone and among 97386 real records (top 20 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.576,
  weights: {
    markSame: 4.375,
    markContains: 2.668,
    markContradicts: -6.615,
    numberInMark: 2.294,
    inscription: 2.501,
    inscriptionInText: 3.529,
    inscriptionContradicts: -3.713,
    sizes: 5.919,
    sizesContradict: -4.508,
    typeSame: 1.568,
    typeFromProse: 0.319,
    typeRelated: 0.35,
    typeContradicts: 0,
    materials: 1.963,
    subjects: 1.097,
    wordShare: 3.194,
    wordCount: 0.401,
    rareWord: 1.037,
    country: 0.876,
    period: 0.492,
    periodContradicts: -1.005,
  },
};
