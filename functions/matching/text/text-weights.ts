// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 1, on 22834 pairs of development set and own reports, tuning part); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -6.724,
  weights: {
    markSame: 3.714,
    markContains: 2.972,
    markContradicts: -5.519,
    numberInMark: 4.692,
    inscription: 2.193,
    inscriptionInText: 2.894,
    inscriptionContradicts: -3.356,
    sizes: 5.918,
    sizesContradict: -4.356,
    typeSame: 0.986,
    typeFromProse: 1.356,
    typeRelated: 0,
    typeContradicts: -0.983,
    materials: 1.767,
    subjects: 0.851,
    wordShare: 2.989,
    wordCount: 0,
    rareWord: 1.02,
    country: 0.792,
    period: 0.276,
    periodContradicts: -1.553,
  },
};
