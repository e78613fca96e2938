// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 25847 pairs of development set and own reports, tuning part, alone and among 97402 real records (top 10 candidates each)); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -7.739,
  weights: {
    markSame: 3.985,
    markContains: 2.988,
    markContradicts: -6.54,
    numberInMark: 3.695,
    inscription: 3.527,
    inscriptionInText: 4.73,
    inscriptionContradicts: -5.69,
    sizes: 5.315,
    sizesDiffer: -8.17,
    sizesContradict: -5.775,
    typeSame: 1.934,
    typeFromProse: 0,
    typeRelated: 2.436,
    typeContradicts: -0.681,
    materials: 2.503,
    subjects: 2.911,
    subjectContradicts: -4.542,
    wordShare: 2.584,
    wordCount: 0,
    rareWord: 1.718,
    country: 1.463,
    period: 0.713,
    periodContradicts: -2.249,
  },
};
