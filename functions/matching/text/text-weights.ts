// Fitted by scripts/fit-text-weights.ts (logistic regression, L2 0.1, true pairs weighted 2, on 22834 pairs of development set and own reports, tuning part); regenerate, never edit by hand.
import type { EvidenceName } from './score.ts';

export const textWeights: { bias: number; weights: Partial<Record<EvidenceName, number>> } = {
  bias: -6.261,
  weights: {
    markSame: 3.754,
    markContains: 3.073,
    markContradicts: -6.482,
    numberInMark: 4.688,
    inscription: 2.481,
    inscriptionInText: 3.433,
    inscriptionContradicts: -3.886,
    sizes: 6.238,
    sizesContradict: -4.448,
    typeSame: 1.058,
    typeFromProse: 1.489,
    typeRelated: 0,
    typeContradicts: -0.768,
    materials: 2.102,
    subjects: 0.157,
    wordShare: 3.071,
    wordCount: 0.326,
    rareWord: 0.524,
    country: 1.106,
    period: 0.422,
    periodContradicts: -1.728,
  },
};
