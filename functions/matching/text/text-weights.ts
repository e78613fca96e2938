// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 1, true pairs weighted 2, on 22834 pairs of development set and own reports, tuning part); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -5.811,
  weights: {
    markSame: 2.113,
    markContains: 2.871,
    markContradicts: -3.129,
    numberInMark: 2.794,
    inscription: 1.881,
    inscriptionInText: 2.119,
    inscriptionContradicts: -1.231,
    sizes: 5.206,
    sizesContradict: -3.373,
    typeSame: 0.911,
    typeFromProse: 0.78,
    typeRelated: 0,
    typeContradicts: -1.052,
    materials: 2.048,
    subjects: 0.424,
    wordShare: 2.636,
    wordCount: 0.43,
    rareWord: 0.776,
    country: 0.977,
    period: 0.465,
    periodContradicts: -1.129,
  },
};
