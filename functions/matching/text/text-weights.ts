// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 1, true pairs weighted 2, on 22834 pairs of development set and own reports, tuning part); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -5.957,
  weights: {
    markSame: 2.108,
    markContains: 2.98,
    markContradicts: -3.065,
    numberInMark: 2.838,
    inscription: 1.842,
    inscriptionInText: 2.09,
    inscriptionContradicts: -1.323,
    sizes: 5.418,
    sizesContradict: -2.897,
    typeSame: 0.899,
    typeFromProse: 1.019,
    typeRelated: 0,
    typeContradicts: -1.074,
    materials: 2.043,
    subjects: 0.286,
    wordShare: 2.552,
    wordCount: 0.449,
    rareWord: 0.945,
    country: 0.969,
    period: 0.485,
    periodContradicts: -1.12,
  },
};
